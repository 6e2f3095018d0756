import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Job } from "@/features/jobs/types";

/** Props of {@link DeleteJobDialog}. */
export interface DeleteJobDialogProps {
  job: Job;
  onConfirm: () => void;
  onCancel: () => void;
  /** Disables Delete while the request is in flight. */
  busy?: boolean;
  /** Where focus goes after Delete when the opener disappears with the job (its list row). */
  focusAfterConfirm?: () => HTMLElement | null | undefined;
}

/** The one "Delete this job?" confirmation, used by the list and by the job page. */
export function DeleteJobDialog({ job, ...props }: DeleteJobDialogProps) {
  return (
    <ConfirmDialog
      title={`Delete "${job.name}"?`}
      description="The job and its whole status history will be deleted. This cannot be undone."
      confirmLabel="Delete"
      {...props}
    />
  );
}
