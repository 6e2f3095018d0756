import { useMutation, useQueryClient } from "@tanstack/react-query";

import { jobKeys } from "@/features/jobs/api/keys";
import type { BulkChange } from "@/features/jobs/bulk/bulk-change";
import { postBulkByFilter } from "@/features/jobs/bulk/post-bulk-action";
import type { BulkFilter } from "@/features/jobs/types";

/** Input of the filter-wide bulk mutation. */
export interface BulkFilterInput {
  change: BulkChange;
  filter: BulkFilter;
}

/**
 * Starts a filter-wide bulk action (202): nothing changes in the cache yet (the worker writes in
 * batches); the answer seeds the operation's progress query. Not optimistic: the jobs are not
 * all loaded, and the counts move as the batches commit.
 */
export function useBulkFilterAction() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...jobKeys.all, "bulk-filter"],
    mutationFn: ({ change, filter }: BulkFilterInput) => postBulkByFilter(change, filter),
    onSuccess: (operation) => client.setQueryData(jobKeys.bulkOperation(operation.id), operation),
  });
}
