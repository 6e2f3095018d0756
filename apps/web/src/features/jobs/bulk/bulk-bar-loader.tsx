import { lazy, Suspense } from "react";

import type { BulkBarProps } from "@/features/jobs/bulk/bulk-bar";

// The toolbar, its dialogs and mutations are their own chunk, requested as soon as this module
// runs (beside the first page of jobs), so the first tick of a box shows it without a wait.
const barModule = import("@/features/jobs/bulk/bulk-bar");
const BulkBar = lazy(async () => ({ default: (await barModule).BulkBar }));

/**
 * The bulk actions toolbar ({@link BulkBar}) while rows are selected or a filter-wide operation
 * is followed; nothing otherwise (and nothing until its chunk has loaded).
 */
export function BulkBarLoader(props: BulkBarProps) {
  const { selection, operationId } = props;
  const active =
    operationId !== null || selection.selection.mode === "all" || selection.selectedIds.length > 0;
  return active ? (
    <Suspense fallback={null}>
      <BulkBar {...props} />
    </Suspense>
  ) : null;
}
