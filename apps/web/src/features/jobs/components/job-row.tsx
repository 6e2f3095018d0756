import type { RowComponentProps } from "react-window";
import { Link } from "react-router";

import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import styles from "@/features/jobs/components/job-row.module.css";
import { JobStatusControl } from "@/features/jobs/components/job-status-control";
import type { Job, StatusType } from "@/features/jobs/types";
import { formatDuration, formatExact } from "@/lib/format-time";

/** Data every row receives through the List's `rowProps` (keep it referentially stable). */
export interface JobRowData {
  jobs: readonly Job[];
  /** The next page failed to load: the loader row offers Retry instead of a spinner. */
  loadMoreFailed: boolean;
  onRetryLoadMore: () => void;
  onChangeStatus: (job: Job, status: StatusType) => void;
  onRequestDelete: (job: Job) => void;
  /** "Now" in epoch ms for relative times. */
  nowMs: number;
  /** The list's query string, handed to the job page so "back" keeps the filters. */
  listSearch: string;
}

/**
 * One row of the virtualized jobs list (defined at module level, as react-window requires).
 * Rows past the loaded jobs are the loader row.
 */
export function JobRow({ index, style, ariaAttributes, ...data }: RowComponentProps<JobRowData>) {
  const job = data.jobs[index];
  if (!job) {
    return (
      <div {...ariaAttributes} style={style} className={styles.loader}>
        {data.loadMoreFailed ? (
          <>
            <span role="alert">Could not load more jobs.</span>
            <Button size="sm" onClick={data.onRetryLoadMore}>
              Retry
            </Button>
          </>
        ) : (
          <>
            <Spinner label="Loading more jobs" />
            <span aria-hidden="true">Loading more jobs…</span>
          </>
        )}
      </div>
    );
  }
  return (
    <div {...ariaAttributes} style={style} className={styles.row}>
      <Link
        className={styles.name}
        to={`/jobs/${job.id}`}
        state={{ listSearch: data.listSearch }}
        title={job.name}
      >
        {job.name}
      </Link>
      <span className={styles.badge}>
        <JobStatusControl job={job} onChange={data.onChangeStatus} />
      </span>
      <span className={styles.meta}>
        <span className="visually-hidden">Created </span>
        <RelativeTime iso={job.created_at} nowMs={data.nowMs} />
      </span>
      <span className={styles.meta}>
        {job.status_changed_at ? (
          <>
            <span className={styles.metaLabel}>for </span>
            <time dateTime={job.status_changed_at} title={formatExact(job.status_changed_at)}>
              {formatDuration(Date.parse(job.status_changed_at), data.nowMs)}
            </time>
          </>
        ) : null}
      </span>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Delete ${job.name}`}
        onClick={() => data.onRequestDelete(job)}
      >
        Delete
      </Button>
    </div>
  );
}
