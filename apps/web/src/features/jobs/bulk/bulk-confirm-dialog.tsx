import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describeChange, type BulkChange } from "@/features/jobs/bulk/bulk-change";
import { targetPhrase, type BulkTarget } from "@/features/jobs/bulk/bulk-target";
import { STATUS_LABELS } from "@/features/jobs/status";

/** Props of {@link BulkConfirmDialog}. */
export interface BulkConfirmDialogProps {
  change: BulkChange;
  target: BulkTarget;
  onConfirm: () => void;
  onCancel: () => void;
  focusAfterConfirm?: () => HTMLElement | null | undefined;
}

function details(change: BulkChange, target: BulkTarget): string {
  const effect =
    change.action === "delete"
      ? "Their whole status histories are deleted with them. This cannot be undone."
      : `Each gets a ${STATUS_LABELS[change.status]} status in its history.`;
  if (target.kind === "ids") return effect;
  const bound =
    target.atMost === undefined
      ? ""
      : ` At most ${new Intl.NumberFormat().format(target.atMost)} (the count of their statuses): the exact number is shown once it starts.`;
  return `${effect} Runs in batches; jobs created from now on are left alone.${bound}`;
}

/** "Delete 3 jobs?", "Set all 1,200 Running jobs to Failed?": the confirmation names the count. */
export function BulkConfirmDialog({ change, target, ...props }: BulkConfirmDialogProps) {
  const question = describeChange(change, targetPhrase(target));
  return (
    <ConfirmDialog
      title={`${question.charAt(0).toUpperCase()}${question.slice(1)}?`}
      description={details(change, target)}
      confirmLabel={change.action === "delete" ? "Delete" : "Set status"}
      {...props}
    />
  );
}
