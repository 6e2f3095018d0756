import type { LiveStatus } from "@/features/jobs/live/job-event-stream";
import styles from "@/features/jobs/live/live-indicator.module.css";
import { useLiveStatus } from "@/features/jobs/live/live-status";

/** What the indicator says for each status. */
export const LIVE_STATUS_LABELS: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  polling: "Polling",
  paused: "Paused",
};

const TITLES: Record<LiveStatus, string> = {
  connecting: "Opening the live updates stream",
  live: "Changes appear as they happen",
  reconnecting: "The live updates stream was cut; reconnecting",
  polling: "Live updates are unavailable; the list refreshes every few seconds",
  paused: "Live updates pause while the page is hidden",
};

/**
 * "Live" / "Reconnecting…" / "Polling" in the header, announced politely. Its box has a fixed
 * size, so a change of wording moves nothing around it.
 */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <p className={styles.indicator} role="status" title={TITLES[status]} data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {LIVE_STATUS_LABELS[status]}
    </p>
  );
}
