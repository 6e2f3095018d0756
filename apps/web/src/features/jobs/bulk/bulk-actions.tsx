import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import { BULK_IDS_MAX } from "@/config/constants";
import { describeChange, type BulkChange } from "@/features/jobs/bulk/bulk-change";
import { BulkConfirmDialog } from "@/features/jobs/bulk/bulk-confirm-dialog";
import styles from "@/features/jobs/bulk/bulk-bar.module.css";
import { targetPhrase, type BulkTarget } from "@/features/jobs/bulk/bulk-target";
import {
  useBulkFilterAction,
  type BulkFilterInput,
} from "@/features/jobs/bulk/use-bulk-filter-action";
import { useBulkIdsAction } from "@/features/jobs/bulk/use-bulk-ids-action";
import { isStatus, STATUS_LABELS, STATUSES } from "@/features/jobs/status";
import type { StatusType } from "@/features/jobs/types";
import { errorMessage } from "@/lib/api-client";

/** Props of {@link BulkActions}. */
export interface BulkActionsProps {
  target: BulkTarget;
  /** Called once an id-list action is sent (optimistic: the selection is done with). */
  onSent: () => void;
  /** Called with the id of a filter-wide operation the server accepted (202). */
  onOperationStarted: (operationId: number) => void;
  /** Where focus goes after confirming, as rows and this toolbar may go away. */
  focusAfterAction?: () => HTMLElement | null | undefined;
}

const STATUS_OPTIONS = STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }));

/**
 * "Set status" (a status picked in a select) and "Delete" for the selection, each through a
 * confirmation naming the count. Id lists go as one optimistic request; "all matching" starts
 * a filter-wide operation, and a refused start is shown here with Retry.
 */
export function BulkActions({
  target,
  onSent,
  onOperationStarted,
  focusAfterAction,
}: BulkActionsProps) {
  const [status, setStatus] = useState<StatusType>("FAILED");
  const [asked, setAsked] = useState<BulkChange | null>(null);
  const idsAction = useBulkIdsAction();
  const filterAction = useBulkFilterAction();
  const tooMany = target.kind === "ids" && target.ids.length > BULK_IDS_MAX;
  const disabled = tooMany || filterAction.isPending;

  function start(input: BulkFilterInput) {
    filterAction.mutate(input, { onSuccess: (operation) => onOperationStarted(operation.id) });
  }

  function run(change: BulkChange) {
    if (target.kind === "ids") {
      idsAction.mutate({ change, ids: target.ids });
      onSent();
    } else {
      start({ change, filter: target.filter });
    }
  }

  return (
    <div className={styles.actions}>
      <Select
        label="New status"
        hideLabel
        options={STATUS_OPTIONS}
        value={status}
        onChange={(event) => isStatus(event.target.value) && setStatus(event.target.value)}
      />
      <Button
        size="sm"
        disabled={disabled}
        onClick={() => setAsked({ action: "set_status", status })}
      >
        Set status
      </Button>
      <Button
        size="sm"
        variant="danger"
        disabled={disabled}
        onClick={() => setAsked({ action: "delete" })}
      >
        Delete
      </Button>
      {tooMany ? (
        <p className={styles.hint}>
          At most {new Intl.NumberFormat().format(BULK_IDS_MAX)} rows at once: select all matching
          instead.
        </p>
      ) : null}
      {filterAction.isError ? (
        <ErrorState
          message={`Could not ${describeChange(filterAction.variables.change, targetPhrase(target))}: ${errorMessage(filterAction.error)}`}
          onRetry={() => start(filterAction.variables)}
        />
      ) : null}
      {asked ? (
        <BulkConfirmDialog
          change={asked}
          target={target}
          focusAfterConfirm={focusAfterAction}
          onCancel={() => setAsked(null)}
          onConfirm={() => {
            run(asked);
            setAsked(null);
          }}
        />
      ) : null}
    </div>
  );
}
