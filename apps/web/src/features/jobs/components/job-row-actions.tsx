import { lazy, Suspense } from "react";

import { Button } from "@/components/ui/button";
import styles from "@/features/jobs/components/job-actions-menu.module.css";
import type { Job } from "@/features/jobs/types";

// Only phones show the menu: its module is requested the first time a row needs it (the
// DropdownMenu library it uses is already loading for the status menu).
const JobActionsMenu = lazy(async () => ({
  default: (await import("@/features/jobs/components/job-actions-menu")).JobActionsMenu,
}));

/** Props of {@link JobRowActions}. */
export interface JobRowActionsProps {
  job: Job;
  /** Asks to delete the job (the caller confirms first). */
  onRequestDelete: (job: Job) => void;
}

/**
 * A row's actions: a Delete button on wide screens; at phone width (`compact`) one "Actions for
 * <name>" menu button ({@link JobActionsMenu}), shown once its chunk has loaded.
 */
export function JobRowActions({ compact, ...props }: JobRowActionsProps & { compact: boolean }) {
  if (compact) {
    return (
      <Suspense fallback={<span className={styles.placeholder} />}>
        <JobActionsMenu {...props} />
      </Suspense>
    );
  }
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={`Delete ${props.job.name}`}
      onClick={() => props.onRequestDelete(props.job)}
    >
      Delete
    </Button>
  );
}
