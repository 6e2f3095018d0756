import { useCallback, useMemo, useState } from "react";
import { useListRef } from "react-window";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton-rows";
import { useChangeJobStatus } from "@/features/jobs/api/change-job-status";
import { useDeleteJob } from "@/features/jobs/api/delete-job";
import { useJobStats } from "@/features/jobs/api/get-job-stats";
import { useJobs } from "@/features/jobs/api/get-jobs";
import { BulkBarLoader } from "@/features/jobs/bulk/bulk-bar-loader";
import { useJobSelection } from "@/features/jobs/bulk/use-job-selection";
import { DeleteJobDialog } from "@/features/jobs/components/delete-job-dialog";
import { JobList } from "@/features/jobs/components/job-list";
import styles from "@/features/jobs/components/jobs-panel.module.css";
import { NewJobsBar } from "@/features/jobs/components/new-jobs-bar";
import { useHeadRefresh } from "@/features/jobs/hooks/use-head-refresh";
import { ListChangedBar } from "@/features/jobs/live/list-changed-bar";
import { hasActiveFilters } from "@/features/jobs/hooks/use-job-filters";
import type { Job, JobFilters, JobOrdering, JobStats, StatusType } from "@/features/jobs/types";
import { errorMessage } from "@/lib/api-client";

/** Props of {@link JobsPanel}. */
export interface JobsPanelProps {
  filters: JobFilters;
  listSearch: string;
  onClearFilters: () => void;
  /** Called by the table's sortable column headers. */
  onOrdering: (ordering: JobOrdering) => void;
}

/** How many jobs match `filters` by the exact counts, or undefined when they cannot say (search). */
function matchingCount(filters: JobFilters, stats: JobStats | undefined): number | undefined {
  if (!stats || filters.search) return undefined;
  if (filters.status.length === 0) return stats.total;
  return filters.status.reduce((sum, status) => sum + stats.by_status[status], 0);
}

const NO_JOBS: readonly Job[] = [];

/**
 * The list area: loading, error and empty states, the "new jobs" bar, the list itself, and the
 * bulk actions toolbar for the rows selected in it (the selection is held here, by job id).
 */
export function JobsPanel({ filters, listSearch, onClearFilters, onOrdering }: JobsPanelProps) {
  const query = useJobs(filters);
  const jobs = useMemo(() => query.data?.pages.flatMap((page) => page.results), [query.data]);
  const head = useHeadRefresh(filters, {
    jobs,
    firstPage: query.data?.pages[0],
    updatedAtMs: query.dataUpdatedAt,
  });
  const changeStatus = useChangeJobStatus();
  const deletion = useDeleteJob();
  const [pendingDelete, setPendingDelete] = useState<Job | null>(null);
  const listRef = useListRef(null);
  const stats = useJobStats();
  const selection = useJobSelection(filters, jobs ?? NO_JOBS);
  const [operationId, setOperationId] = useState<number | null>(null);

  const { mutate: mutateStatus } = changeStatus;
  const onChangeStatus = useCallback(
    (job: Job, status: StatusType) => mutateStatus({ job, status }),
    [mutateStatus],
  );
  const { fetchNextPage } = query;
  // ⚠️ cancelRefetch: false makes a second call while a page is in flight a no-op instead of
  // cancelling and restarting that request.
  const onLoadMore = useCallback(
    () => void fetchNextPage({ cancelRefetch: false }),
    [fetchNextPage],
  );

  if (query.isPending) return <SkeletonRows label="Loading jobs" />;
  if (!jobs) {
    return (
      <ErrorState
        message={`Could not load jobs: ${errorMessage(query.error)}`}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }

  const filtered = hasActiveFilters(filters);
  return (
    <div className={styles.panel}>
      {/* Zero-height and sticky under the toolbar: these float over the rows, never push them. */}
      <div className={styles.overlay}>
        <div className={styles.overlayContent}>
          {head.headError ? (
            <ErrorState
              message={`Could not refresh the list: ${errorMessage(head.headError)}`}
              onRetry={() => void head.retryHead()}
            />
          ) : null}
          <ListChangedBar
            filters={filters}
            onRefresh={() => listRef.current?.scrollToRow({ index: 0, align: "start" })}
          />
          <NewJobsBar
            count={head.newJobs.length}
            onShow={() => {
              head.showNewJobs();
              // They are above the loaded rows: bring the top of the list into view.
              listRef.current?.scrollToRow({ index: 0, align: "start" });
            }}
          />
        </div>
      </div>
      {jobs.length === 0 && !query.hasNextPage ? (
        <EmptyState
          title={filtered ? "No jobs match these filters" : "No jobs yet"}
          description={filtered ? undefined : "Create one with the form above."}
          action={filtered ? <Button onClick={onClearFilters}>Clear filters</Button> : undefined}
        />
      ) : (
        <JobList
          jobs={jobs}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          loadMoreFailed={query.isFetchNextPageError}
          onLoadMore={onLoadMore}
          onChangeStatus={onChangeStatus}
          onRequestDelete={setPendingDelete}
          listSearch={listSearch}
          ordering={filters.ordering}
          onOrdering={onOrdering}
          totalCount={matchingCount(filters, stats.data)}
          selection={selection}
          listRef={listRef}
        />
      )}
      <BulkBarLoader
        filters={filters}
        selection={selection}
        hasMore={query.hasNextPage}
        operationId={operationId}
        onOperationChange={setOperationId}
        focusAfterAction={() => listRef.current?.element}
      />
      {pendingDelete ? (
        <DeleteJobDialog
          job={pendingDelete}
          focusAfterConfirm={() => listRef.current?.element}
          onCancel={() => setPendingDelete(null)}
          onConfirm={() => {
            deletion.deleteOnce(pendingDelete);
            setPendingDelete(null);
          }}
        />
      ) : null}
    </div>
  );
}
