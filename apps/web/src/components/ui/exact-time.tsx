import { lazy, Suspense, type ReactNode } from "react";

import styles from "@/components/ui/time-tooltip.module.css";

// The tooltip (Radix Tooltip) is its own chunk, requested as soon as this module runs, so it
// loads beside the first page of jobs instead of inside the initial JavaScript.
const tooltipModule = import("@/components/ui/time-tooltip");
const TimeTooltip = lazy(async () => ({ default: (await tooltipModule).TimeTooltip }));

/** Props of {@link ExactTime}. */
export interface ExactTimeProps {
  /** The instant, ISO 8601 (the `<time>`'s `dateTime`). */
  iso: string;
  /** What the time is, read before it ("Created"); visually hidden. */
  label: string;
  /** The tooltip's text: the exact instant in words ("Created Nov 29, 2026, 9:05:12 AM"). */
  exact: string;
  /** What shows in the cell ("2 days ago", "for 1d 8h"). */
  children: ReactNode;
}

/**
 * A short time (`children`) in a focusable button whose tooltip says the exact instant, on
 * pointer hover and on keyboard focus alike (a `title` alone never shows for the keyboard).
 * Until the tooltip's chunk has loaded, the same text in the same box with `exact` as its
 * `title`, not yet focusable (focus on it would be lost when the button replaces it).
 */
export function ExactTime(props: ExactTimeProps) {
  const fallback = (
    <span className={styles.trigger} title={props.exact}>
      <span className="visually-hidden">{props.label} </span>
      <time dateTime={props.iso}>{props.children}</time>
    </span>
  );
  return (
    <Suspense fallback={fallback}>
      <TimeTooltip {...props} />
    </Suspense>
  );
}
