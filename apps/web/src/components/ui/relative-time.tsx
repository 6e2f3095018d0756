import { formatExact, formatRelative } from "@/lib/format-time";

/** Props of {@link RelativeTime}. */
export interface RelativeTimeProps {
  /** ISO 8601 instant. */
  iso: string;
  /** "Now" in epoch milliseconds, passed down so one clock drives a whole list. */
  nowMs: number;
  className?: string;
}

/** "5 min. ago" in a `<time>` whose `dateTime` and `title` hold the exact instant. */
export function RelativeTime({ iso, nowMs, className }: RelativeTimeProps) {
  const exact = formatExact(iso);
  return (
    <time dateTime={iso} title={exact} className={className}>
      {formatRelative(iso, nowMs)}
    </time>
  );
}
