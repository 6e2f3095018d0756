import type { RowComponentProps } from "react-window";
import { Link } from "react-router";

import { Button } from "@/components/ui/button";
import { ExactTime } from "@/components/ui/exact-time";
import { Spinner } from "@/components/ui/spinner";
import { SelectCheckbox } from "@/features/jobs/bulk/select-checkbox";
import { isSelected, type Selection } from "@/features/jobs/bulk/selection";
import styles from "@/features/jobs/components/job-row.module.css";
import { JobRowActions } from "@/features/jobs/components/job-row-actions";
import { JobStatusControl } from "@/features/jobs/components/job-status-control";
import type { Job, StatusType } from "@/features/jobs/types";
import { formatDuration, formatExact, formatRelative } from "@/lib/format-time";

/** Data every row receives through the List's `rowProps` (keep it referentially stable). */
export interface JobRowData {
  jobs: readonly Job[];
  /** The next page failed to load: the loader row offers Retry instead of a spinner. */
  loadMoreFailed: boolean;
  onRetryLoadMore: () => void;
  onChangeStatus: (job: Job, status: StatusType) => void;
  onRequestDelete: (job: Job) => void;
  /** Phone width: the row's actions sit in one compact menu. */
  compactActions: boolean;
  /** "Now" in epoch ms for relative times. */
  nowMs: number;
  /** The list's query string, handed to the job page so "back" keeps the filters. */
  listSearch: string;
  /** Which rows are selected (by job id), and the box's handler (with Shift: a range). */
  selection: Selection;
  onToggleSelect: (id: number, checked: boolean, shift: boolean) => void;
}

/**
 * One row of the jobs table (defined at module level, as react-window requires): a `row` of
 * `cell`s whose `aria-rowindex` counts the header row as 1. Rows past the loaded jobs are the
 * loader row.
 */
export function JobRow({ index, style, ariaAttributes, ...data }: RowComponentProps<JobRowData>) {
  const job = data.jobs[index];
  // react-window's list semantics (listitem, posinset of the loaded count) give way to a table's.
  const rowAttributes = {
    role: "row",
    "aria-rowindex": ariaAttributes["aria-posinset"] + 1,
  } as const;
  if (!job) {
    return (
      <div {...rowAttributes} style={style} className={styles.loader}>
        <div role="cell" className={styles.loaderCell}>
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
      </div>
    );
  }
  return (
    <div {...rowAttributes} style={style} className={styles.row}>
      <div role="cell" className={styles.select}>
        <SelectCheckbox
          label={`Select ${job.name}`}
          checked={isSelected(data.selection, job.id)}
          onChange={(checked, shift) => data.onToggleSelect(job.id, checked, shift)}
        />
      </div>
      <div role="cell" className={styles.nameCell}>
        <Link
          className={styles.name}
          to={`/jobs/${job.id}`}
          state={{ listSearch: data.listSearch }}
          title={job.name}
        >
          {job.name}
        </Link>
      </div>
      <div role="cell" className={styles.status}>
        <JobStatusControl job={job} onChange={data.onChangeStatus} />
      </div>
      <div role="cell" className={styles.meta}>
        <ExactTime
          iso={job.created_at}
          label="Created"
          exact={`Created ${formatExact(job.created_at)}`}
        >
          {formatRelative(job.created_at, data.nowMs)}
        </ExactTime>
      </div>
      <div role="cell" className={styles.meta}>
        {job.status_changed_at ? (
          <ExactTime
            iso={job.status_changed_at}
            label="In state"
            exact={`In this state since ${formatExact(job.status_changed_at)}`}
          >
            <span className={styles.metaLabel}>for </span>
            {formatDuration(Date.parse(job.status_changed_at), data.nowMs)}
          </ExactTime>
        ) : null}
      </div>
      <div role="cell" className={styles.actions}>
        <JobRowActions
          job={job}
          compact={data.compactActions}
          onRequestDelete={data.onRequestDelete}
        />
      </div>
    </div>
  );
}
