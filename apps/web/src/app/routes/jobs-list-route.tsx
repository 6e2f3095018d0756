import styles from "@/app/routes/jobs-list-route.module.css";
import { JobCreateForm } from "@/features/jobs/components/job-create-form";
import { JobsPanel } from "@/features/jobs/components/jobs-panel";
import { JobsToolbar } from "@/features/jobs/components/jobs-toolbar";
import { useJobFilters } from "@/features/jobs/hooks/use-job-filters";

/**
 * `/`: the title with a one-line create form, the toolbar (filters in the URL) that sticks to
 * the top while the page scrolls, and the jobs table below it, scrolling with the page.
 */
export function JobsListRoute() {
  const { filters, search, toggleStatus, clearStatus, setSearch, setOrdering, clearFilters } =
    useJobFilters();
  return (
    <>
      {/* React hoists <title> into <head>: one per page. */}
      <title>Jobs · Job dashboard</title>
      <div className={styles.head}>
        <h1 className={styles.title}>Jobs</h1>
        <JobCreateForm filters={filters} />
      </div>
      <div className={styles.toolbar}>
        <JobsToolbar
          filters={filters}
          onToggleStatus={toggleStatus}
          onClearStatus={clearStatus}
          onSearch={setSearch}
          onOrdering={setOrdering}
        />
      </div>
      <JobsPanel
        filters={filters}
        listSearch={search}
        onClearFilters={clearFilters}
        onOrdering={setOrdering}
      />
    </>
  );
}
