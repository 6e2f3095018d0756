import { lazy, Suspense } from "react";

import styles from "@/features/jobs/components/job-status-menu.module.css";
import type { JobStatusMenuProps } from "@/features/jobs/components/job-status-menu";
import { StatusBadge } from "@/features/jobs/components/status-badge";

// The menu (Radix DropdownMenu, ~28 KB gzip) is its own chunk, requested as soon as this module
// runs, so it loads beside the first page of jobs instead of inside the initial JavaScript.
const menuModule = import("@/features/jobs/components/job-status-menu");
const JobStatusMenu = lazy(async () => ({ default: (await menuModule).JobStatusMenu }));

/**
 * The job's status badge as a status menu button ({@link JobStatusMenu}); until the menu's chunk
 * has loaded, the same badge in the same box (no layout shift), not yet interactive.
 */
export function JobStatusControl(props: JobStatusMenuProps) {
  const fallback = (
    <span className={styles.trigger}>
      <StatusBadge status={props.job.current_status} />
      <span className={styles.caret} aria-hidden="true">
        ▾
      </span>
    </span>
  );
  return (
    <Suspense fallback={fallback}>
      <JobStatusMenu {...props} />
    </Suspense>
  );
}
