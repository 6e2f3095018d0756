import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";
import { useJobHistory } from "@/features/jobs/api/get-job-history";
import styles from "@/features/jobs/components/job-history.module.css";
import { StatusBadge } from "@/features/jobs/components/status-badge";
import { errorMessage } from "@/lib/api-client";
import { formatDuration, formatExact } from "@/lib/format-time";

/** Props of {@link JobHistory}. */
export interface JobHistoryProps {
  jobId: number;
  nowMs: number;
}

/**
 * The status history, newest first, with how long each state lasted (the newest lasts until
 * now). Long histories load page by page.
 */
export function JobHistory({ jobId, nowMs }: JobHistoryProps) {
  const history = useJobHistory(jobId);
  const entries = history.data?.pages.flatMap((page) => page.results) ?? [];

  return (
    <section className={styles.section} aria-labelledby="history-title">
      <h2 id="history-title" className={styles.title}>
        Status history
      </h2>
      {history.isPending ? <Spinner label="Loading history" /> : null}
      {history.isError ? (
        <ErrorState
          message={`Could not load the history: ${errorMessage(history.error)}`}
          onRetry={() => void history.refetch()}
        />
      ) : null}
      <ol className={styles.timeline} aria-label="Status history">
        {entries.map((entry, index) => {
          const endMs = index === 0 ? nowMs : Date.parse(entries[index - 1]?.timestamp ?? "");
          return (
            <li key={entry.id} className={styles.entry}>
              <StatusBadge status={entry.status_type} />
              <time dateTime={entry.timestamp} title={formatExact(entry.timestamp)}>
                {formatExact(entry.timestamp)}
              </time>
              <span className={styles.duration}>
                {index === 0 ? "current, for " : "lasted "}
                {formatDuration(Date.parse(entry.timestamp), endMs)}
              </span>
            </li>
          );
        })}
      </ol>
      {history.hasNextPage ? (
        <Button
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
          className={styles.more}
        >
          {history.isFetchingNextPage ? "Loading…" : "Show older statuses"}
        </Button>
      ) : null}
    </section>
  );
}
