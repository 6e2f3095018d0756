import { useQueryClient } from "@tanstack/react-query";

import { Button } from "@/components/ui/button";
import { useJobs } from "@/features/jobs/api/get-jobs";
import styles from "@/features/jobs/live/list-changed-bar.module.css";
import { refreshListFromTop } from "@/features/jobs/live/live-cache";
import type { JobFilters } from "@/features/jobs/types";

/** Props of {@link ListChangedBar}. */
export interface ListChangedBarProps {
  filters: JobFilters;
  /** Called once the refresh is asked for (the page brings the list's top into view). */
  onRefresh: () => void;
}

/**
 * "List changed: refresh" when the loaded list was marked stale (a job moved into or out of its
 * filters, or its order changed) instead of rows being reordered under the reader. Refreshing
 * reloads the list from its first page.
 */
export function ListChangedBar({ filters, onRefresh }: ListChangedBarProps) {
  const client = useQueryClient();
  const query = useJobs(filters);
  const changed = query.isSuccess && query.isStale && !query.isFetching;
  return (
    <div role="status" className={changed ? styles.bar : "visually-hidden"}>
      {changed ? (
        <Button
          size="sm"
          variant="primary"
          onClick={() => {
            void refreshListFromTop(client, filters);
            onRefresh();
          }}
        >
          List changed: refresh
        </Button>
      ) : null}
    </div>
  );
}
