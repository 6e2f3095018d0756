import { useCallback, useEffect, useMemo, useRef, type Ref } from "react";
import { List, useDynamicRowHeight, type ListImperativeAPI } from "react-window";

import {
  JOB_ROW_HEIGHT_PX,
  LIST_OVERSCAN_ROWS,
  LOAD_MORE_THRESHOLD_ROWS,
  PHONE_MEDIA_QUERY,
} from "@/config/constants";
import type { JobSelection } from "@/features/jobs/bulk/use-job-selection";
import styles from "@/features/jobs/components/job-list.module.css";
import { JobListHeader } from "@/features/jobs/components/job-list-header";
import { JobRow, type JobRowData } from "@/features/jobs/components/job-row";
import type { Job, JobOrdering, StatusType } from "@/features/jobs/types";
import { useMediaQuery } from "@/lib/use-media-query";
import { useNow } from "@/lib/use-now";

/** Props of {@link JobList}. */
export interface JobListProps {
  jobs: readonly Job[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  loadMoreFailed: boolean;
  /** Fetches the next page; called only when one is wanted and none is in flight. */
  onLoadMore: () => void;
  onChangeStatus: (job: Job, status: StatusType) => void;
  onRequestDelete: (job: Job) => void;
  listSearch: string;
  ordering: JobOrdering;
  onOrdering: (ordering: JobOrdering) => void;
  /** How many jobs match in all, when known (announced as the table's row count). */
  totalCount?: number;
  /** The rows' selection (held by the panel, by job id). */
  selection: Pick<JobSelection, "selection" | "loadedState" | "toggle" | "setLoaded">;
  /** The List's imperative handle (its `element` holds the rows). */
  listRef?: Ref<ListImperativeAPI | null>;
}

function rowKey(index: number, data: JobRowData): string | number {
  return data.jobs[index]?.id ?? "loader";
}

/**
 * The jobs table: a sticky header row, then a react-window v2 `List` that scrolls with the page
 * (`scrollElement="window"`), so only rows near the viewport are in the DOM. Row heights are
 * measured (`useDynamicRowHeight`, estimated at {@link JOB_ROW_HEIGHT_PX}): fixed on wide
 * screens, taller on phones where a long name wraps. One loader row follows while more pages
 * exist; the next page is fetched when the rendered range nears the end of what is loaded.
 */
export function JobList(props: JobListProps) {
  const { jobs, hasNextPage, isFetchingNextPage, loadMoreFailed, onLoadMore } = props;
  const nowMs = useNow();
  const compactActions = useMediaQuery(PHONE_MEDIA_QUERY);
  const lastStopIndex = useRef(0);
  // Measured heights belong to one view's rows; another filter starts afresh.
  const rowHeight = useDynamicRowHeight({
    defaultRowHeight: JOB_ROW_HEIGHT_PX,
    key: props.listSearch,
  });

  const maybeLoadMore = useCallback(() => {
    const nearEnd = lastStopIndex.current >= jobs.length - LOAD_MORE_THRESHOLD_ROWS;
    if (nearEnd && hasNextPage && !isFetchingNextPage && !loadMoreFailed) onLoadMore();
  }, [jobs.length, hasNextPage, isFetchingNextPage, loadMoreFailed, onLoadMore]);

  // A page that lands while the end is still on screen may not change the rendered range.
  useEffect(maybeLoadMore, [maybeLoadMore]);

  const rowProps = useMemo<JobRowData>(
    () => ({
      jobs,
      loadMoreFailed,
      onRetryLoadMore: onLoadMore,
      onChangeStatus: props.onChangeStatus,
      onRequestDelete: props.onRequestDelete,
      compactActions,
      nowMs,
      listSearch: props.listSearch,
      selection: props.selection.selection,
      onToggleSelect: props.selection.toggle,
    }),
    [
      jobs,
      loadMoreFailed,
      onLoadMore,
      props.onChangeStatus,
      props.onRequestDelete,
      compactActions,
      nowMs,
      props.listSearch,
      props.selection.selection,
      props.selection.toggle,
    ],
  );

  const rowCount = jobs.length + (hasNextPage ? 1 : 0);
  // Header row + every matching job; -1 (unknown) while more pages exist and no total is known.
  const knownTotal = props.totalCount ?? (hasNextPage ? undefined : jobs.length);
  return (
    <div
      role="table"
      aria-label="Jobs"
      aria-rowcount={knownTotal === undefined ? -1 : knownTotal + 1}
      className={styles.table}
    >
      <JobListHeader
        ordering={props.ordering}
        onOrdering={props.onOrdering}
        loadedSelection={props.selection.loadedState}
        onSelectLoaded={props.selection.setLoaded}
      />
      <List
        role="rowgroup"
        className={styles.rows}
        listRef={props.listRef}
        // Focusable by script only (focus lands here after a delete); Tab goes straight to the rows.
        tabIndex={-1}
        scrollElement="window"
        rowComponent={JobRow}
        rowProps={rowProps}
        rowKey={rowKey}
        rowCount={rowCount}
        rowHeight={rowHeight}
        overscanCount={LIST_OVERSCAN_ROWS}
        // Used until the window is measured (and in tests, where nothing is measured).
        defaultHeight={600}
        onRowsRendered={(_visible, all) => {
          lastStopIndex.current = all.stopIndex;
          maybeLoadMore();
        }}
      />
    </div>
  );
}
