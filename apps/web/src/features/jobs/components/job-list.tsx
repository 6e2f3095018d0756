import { useCallback, useEffect, useMemo, useRef, type Ref } from "react";
import { List, type ListImperativeAPI } from "react-window";

import {
  JOB_ROW_HEIGHT_PX,
  LIST_OVERSCAN_ROWS,
  LOAD_MORE_THRESHOLD_ROWS,
} from "@/config/constants";
import styles from "@/features/jobs/components/job-list.module.css";
import { JobRow, type JobRowData } from "@/features/jobs/components/job-row";
import type { Job, StatusType } from "@/features/jobs/types";
import { useScrollMemory } from "@/lib/scroll-memory";
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
  /** The List's imperative handle (its `element` is the scroll container). */
  listRef?: Ref<ListImperativeAPI | null>;
}

function rowKey(index: number, data: JobRowData): string | number {
  return data.jobs[index]?.id ?? "loader";
}

/**
 * The virtualized jobs list (react-window v2 `List`): only rows near the viewport are in the
 * DOM. Rows are fixed at {@link JOB_ROW_HEIGHT_PX}; one loader row follows while more pages
 * exist, and the next page is fetched when the rendered range nears the end of what is loaded.
 */
export function JobList(props: JobListProps) {
  const { jobs, hasNextPage, isFetchingNextPage, loadMoreFailed, onLoadMore } = props;
  const nowMs = useNow();
  // Offsets per list query string: coming back from a job page restores the position (the
  // loaded pages are still cached).
  const scrollOffsets = useScrollMemory();
  const lastStopIndex = useRef(0);

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
      nowMs,
      listSearch: props.listSearch,
    }),
    [
      jobs,
      loadMoreFailed,
      onLoadMore,
      props.onChangeStatus,
      props.onRequestDelete,
      nowMs,
      props.listSearch,
    ],
  );

  return (
    <List
      className={styles.list}
      aria-label="Jobs"
      listRef={props.listRef}
      // Focusable by script only (focus lands here after a delete); Tab goes straight to the rows.
      tabIndex={-1}
      rowComponent={JobRow}
      rowProps={rowProps}
      rowKey={rowKey}
      rowCount={jobs.length + (hasNextPage ? 1 : 0)}
      rowHeight={JOB_ROW_HEIGHT_PX}
      overscanCount={LIST_OVERSCAN_ROWS}
      // Used until the real height is measured (and in tests, where nothing is measured).
      defaultHeight={600}
      defaultScrollOffset={scrollOffsets.get(props.listSearch)}
      onScroll={(event) => scrollOffsets.set(props.listSearch, event.currentTarget.scrollTop)}
      onRowsRendered={(_visible, all) => {
        lastStopIndex.current = all.stopIndex;
        maybeLoadMore();
      }}
    />
  );
}
