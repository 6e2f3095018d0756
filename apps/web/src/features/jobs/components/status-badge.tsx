import styles from "@/features/jobs/components/status-badge.module.css";
import { STATUS_LABELS } from "@/features/jobs/status";
import type { StatusType } from "@/features/jobs/types";

/** A distinct shape per status, so the badge does not rely on colour alone. */
const ICONS: Record<StatusType, string> = {
  PENDING: "○",
  RUNNING: "▶",
  COMPLETED: "✓",
  FAILED: "✕",
  CANCELLED: "⊘",
};

const TONES: Record<StatusType, string | undefined> = {
  PENDING: styles.pending,
  RUNNING: styles.running,
  COMPLETED: styles.completed,
  FAILED: styles.failed,
  CANCELLED: styles.cancelled,
};

/** A job's status as colour, icon shape and title-case text ("Running"); "No status" for null. */
export function StatusBadge({ status }: { status: StatusType | null }) {
  if (status === null) return <span className={styles.badge}>No status</span>;
  return (
    <span className={[styles.badge, TONES[status]].join(" ")}>
      <span className={styles.icon} aria-hidden="true">
        {ICONS[status]}
      </span>
      {STATUS_LABELS[status]}
    </span>
  );
}
