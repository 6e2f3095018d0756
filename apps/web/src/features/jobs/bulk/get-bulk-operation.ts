import { queryOptions, useQuery } from "@tanstack/react-query";

import { BULK_PROGRESS_POLL_MS } from "@/config/constants";
import { jobKeys } from "@/features/jobs/api/keys";
import type { BulkOperation } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/**
 * Fetches a filter-wide bulk action's progress (`GET /api/jobs/bulk/{id}/`).
 * @throws ApiError when the operation is unknown (404) or the API cannot be reached.
 */
export function getBulkOperation(id: number, signal?: AbortSignal): Promise<BulkOperation> {
  return unwrap(
    apiClient.GET("/api/jobs/bulk/{operation_id}/", {
      params: { path: { operation_id: id } },
      signal,
    }),
  );
}

/** Whether the operation will not change any more (`done` or `failed`). */
export function isFinished(operation: BulkOperation | undefined): boolean {
  return operation?.state === "done" || operation?.state === "failed";
}

/**
 * The operation's progress, read every {@link BULK_PROGRESS_POLL_MS} until it is finished (in
 * the background too: a hidden tab still learns when it ends). A failed read stops the polling
 * until `refetch` (the caller offers Retry).
 */
export function bulkOperationQueryOptions(id: number) {
  return queryOptions({
    queryKey: jobKeys.bulkOperation(id),
    queryFn: ({ signal }) => getBulkOperation(id, signal),
    refetchInterval: (query) =>
      query.state.status === "error" || isFinished(query.state.data)
        ? false
        : BULK_PROGRESS_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: ({ state }) => (isFinished(state.data) ? Infinity : 0),
  });
}

/** The progress of operation `id`. */
export function useBulkOperation(id: number) {
  return useQuery(bulkOperationQueryOptions(id));
}
