import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent } from "react";

import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { jobKeys } from "@/features/jobs/api/keys";
import { describeDone, jobCount, type BulkChange } from "@/features/jobs/bulk/bulk-change";
import styles from "@/features/jobs/bulk/bulk-bar.module.css";
import { isFinished, useBulkOperation } from "@/features/jobs/bulk/get-bulk-operation";
import { useBulkFilterAction } from "@/features/jobs/bulk/use-bulk-filter-action";
import { refreshListFromTop } from "@/features/jobs/live/live-cache";
import { STATUS_LABELS } from "@/features/jobs/status";
import type { BulkOperation, JobFilters } from "@/features/jobs/types";
import { errorMessage } from "@/lib/api-client";

/** Props of {@link BulkProgress}. */
export interface BulkProgressProps {
  operationId: number;
  /** The list on screen, reloaded from its first page once the operation has finished. */
  filters: JobFilters;
  /** Called with the id of the operation a Retry started (the same action and filter). */
  onRestarted: (operationId: number) => void;
  onDismiss: () => void;
}

const numberFormat = new Intl.NumberFormat();

/** The operation's change, as the web app spells it. */
export function operationChange(operation: BulkOperation): BulkChange {
  return operation.action === "set_status" && operation.status_type
    ? { action: "set_status", status: operation.status_type }
    : { action: "delete" };
}

function verb(operation: BulkOperation): string {
  return operation.action === "delete"
    ? "Deleting"
    : `Setting ${operation.status_type ? STATUS_LABELS[operation.status_type] : "a status"} on`;
}

/**
 * A filter-wide operation's progress bar (done of total, polled until it finishes). Once it has
 * finished the list on screen reloads from its first page, the other cached lists are marked
 * stale and the counts are refetched; a failed run or a failed read offers Retry.
 */
export function BulkProgress({ operationId, filters, onRestarted, onDismiss }: BulkProgressProps) {
  const client = useQueryClient();
  const restart = useBulkFilterAction();
  const query = useBulkOperation(operationId);
  const operation = query.data;
  const finished = isFinished(operation);

  // Once per operation, with the filters of that moment (another list loads afresh by itself).
  const onFinished = useEffectEvent(() => {
    void client.invalidateQueries({ queryKey: jobKeys.lists(), refetchType: "none" });
    void client.invalidateQueries({ queryKey: jobKeys.heads() });
    void client.invalidateQueries({ queryKey: jobKeys.stats() });
    void refreshListFromTop(client, filters);
  });
  useEffect(() => {
    if (finished) onFinished();
  }, [finished, operationId]);

  if (!operation) {
    return query.isError ? (
      <ErrorState
        message={`Could not read the bulk action's progress: ${errorMessage(query.error)}`}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    ) : null;
  }
  const total = operation.total ?? undefined;
  const counted = total === undefined ? "" : ` of ${numberFormat.format(total)}`;
  const progress = `${numberFormat.format(operation.done)}${counted}`;
  return (
    <div className={styles.progress}>
      {operation.state === "done" ? (
        <p role="status" className={styles.summary}>
          Done: {describeDone(operationChange(operation), jobCount(operation.done))}.
        </p>
      ) : operation.state === "failed" ? (
        <ErrorState
          message={`The bulk action stopped after ${progress} jobs: ${operation.error ?? "unknown error"}`}
          onRetry={() =>
            restart.mutate(
              { change: operationChange(operation), filter: operation.filter },
              { onSuccess: (next) => onRestarted(next.id) },
            )
          }
          retrying={restart.isPending}
        />
      ) : (
        <>
          <span className={styles.summary}>
            {operation.state === "pending" ? "Queued…" : `${verb(operation)} ${progress} jobs…`}
          </span>
          <progress
            className={styles.bar}
            aria-label="Bulk action progress"
            value={operation.state === "pending" ? undefined : operation.done}
            max={total && total > 0 ? total : 1}
          />
        </>
      )}
      {restart.isError ? (
        <ErrorState message={`Could not start it again: ${errorMessage(restart.error)}`} />
      ) : null}
      {query.isError && !finished ? (
        <ErrorState
          message={`Could not read the progress: ${errorMessage(query.error)}`}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : null}
      {finished ? (
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      ) : null}
    </div>
  );
}
