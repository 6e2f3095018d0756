import { Button } from "@/components/ui/button";
import { useJobStats } from "@/features/jobs/api/get-job-stats";
import { BulkActions } from "@/features/jobs/bulk/bulk-actions";
import styles from "@/features/jobs/bulk/bulk-bar.module.css";
import { BulkProgress } from "@/features/jobs/bulk/bulk-progress";
import { filterTarget, targetPhrase, type BulkTarget } from "@/features/jobs/bulk/bulk-target";
import type { JobSelection } from "@/features/jobs/bulk/use-job-selection";
import type { JobFilters } from "@/features/jobs/types";

/** Props of {@link BulkBar}. */
export interface BulkBarProps {
  filters: JobFilters;
  selection: JobSelection;
  /** More jobs match than are loaded: "select all matching" is offered. */
  hasMore: boolean;
  /** The filter-wide operation being followed, if any. */
  operationId: number | null;
  onOperationChange: (operationId: number | null) => void;
  /** Where focus goes after an action, as rows and this bar may go away. */
  focusAfterAction?: () => HTMLElement | null | undefined;
}

/**
 * The bulk actions toolbar, sticking to the bottom of the viewport while something is selected
 * or a filter-wide operation is followed: what is selected ("3 selected", "All 1,200 Running
 * jobs selected"), "Select all N matching", "Clear selection", the actions, and the progress.
 * ⚠️ Loaded lazily (`BulkBarLoader`): keep it out of the initial JavaScript.
 */
export function BulkBar({ filters, selection, hasMore, operationId, ...props }: BulkBarProps) {
  const stats = useJobStats();
  const all = selection.selection.mode === "all";
  const matching = filterTarget(filters, stats.data);
  const target: BulkTarget = all ? matching : { kind: "ids", ids: selection.selectedIds };
  const selected = all || selection.selectedIds.length > 0;
  const phrase = targetPhrase(matching);
  return (
    <section aria-label="Bulk actions" className={styles.toolbar}>
      {operationId !== null ? (
        <BulkProgress
          operationId={operationId}
          filters={filters}
          onDismiss={() => props.onOperationChange(null)}
          onRestarted={props.onOperationChange}
        />
      ) : null}
      {selected ? (
        <div className={styles.selection}>
          <p role="status" className={styles.summary}>
            {all
              ? `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)} selected`
              : `${new Intl.NumberFormat().format(selection.selectedIds.length)} selected`}
          </p>
          {!all && hasMore && selection.loadedState === "all" ? (
            <Button size="sm" onClick={selection.selectAllMatching}>
              Select {phrase}
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={selection.clear}>
            Clear selection
          </Button>
          <BulkActions
            target={target}
            onSent={selection.clear}
            onOperationStarted={(id) => {
              selection.clear();
              props.onOperationChange(id);
            }}
            focusAfterAction={props.focusAfterAction}
          />
        </div>
      ) : null}
    </section>
  );
}
