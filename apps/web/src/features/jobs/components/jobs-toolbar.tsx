import { Select } from "@/components/ui/select";
import { useJobStats } from "@/features/jobs/api/get-job-stats";
import styles from "@/features/jobs/components/jobs-toolbar.module.css";
import { SearchBox } from "@/features/jobs/components/search-box";
import { StatusChips } from "@/features/jobs/components/status-chips";
import { isOrdering, ORDERINGS } from "@/features/jobs/status";
import type { JobFilters, JobOrdering, StatusType } from "@/features/jobs/types";

/** Props of {@link JobsToolbar}. */
export interface JobsToolbarProps {
  filters: JobFilters;
  onToggleStatus: (status: StatusType) => void;
  onClearStatus: () => void;
  onSearch: (search: string) => void;
  onOrdering: (ordering: JobOrdering) => void;
}

/** Status chips with counts, the search box and the sort select. */
export function JobsToolbar(props: JobsToolbarProps) {
  const { filters } = props;
  const stats = useJobStats();
  return (
    <div className={styles.toolbar}>
      <StatusChips
        selected={filters.status}
        stats={stats.data}
        onToggle={props.onToggleStatus}
        onClear={props.onClearStatus}
      />
      <div className={styles.controls}>
        <SearchBox value={filters.search} onSearch={props.onSearch} />
        <Select
          label="Sort by"
          options={ORDERINGS}
          value={filters.ordering}
          onChange={(event) => {
            if (isOrdering(event.target.value)) props.onOrdering(event.target.value);
          }}
        />
      </div>
    </div>
  );
}
