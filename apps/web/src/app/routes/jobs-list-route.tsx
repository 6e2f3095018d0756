import styles from "@/app/routes/jobs-list-route.module.css";
import { JobCreateForm } from "@/features/jobs/components/job-create-form";
import { JobsPanel } from "@/features/jobs/components/jobs-panel";
import { JobsToolbar } from "@/features/jobs/components/jobs-toolbar";
import { useJobFilters } from "@/features/jobs/hooks/use-job-filters";

/** `/`: create form, toolbar (filters in the URL) and the virtualized list. */
export function JobsListRoute() {
  const { filters, search, toggleStatus, clearStatus, setSearch, setOrdering, clearFilters } =
    useJobFilters();
  return (
    <>
      <h1 className={styles.title}>Jobs</h1>
      <JobCreateForm filters={filters} />
      <JobsToolbar
        filters={filters}
        onToggleStatus={toggleStatus}
        onClearStatus={clearStatus}
        onSearch={setSearch}
        onOrdering={setOrdering}
      />
      <JobsPanel filters={filters} listSearch={search} onClearFilters={clearFilters} />
    </>
  );
}
