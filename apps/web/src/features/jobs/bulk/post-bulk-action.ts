import type { BulkChange } from "@/features/jobs/bulk/bulk-change";
import type { BulkFilter, BulkOperation, BulkRequest, BulkResult } from "@/features/jobs/types";
import { apiClient, ApiError, unwrap } from "@/lib/api-client";

function unexpected(status: number): ApiError {
  return new ApiError(status, { detail: "The server sent an unexpected answer." });
}

/**
 * Applies `change` to the jobs `ids` in one transaction (`POST /api/jobs/bulk/` with `ids`, at
 * most `BULK_IDS_MAX`): every found job is written, or none. Ids of no job come back in
 * `missing` (ascending); they are not an error.
 * @throws ApiError when the server refuses the request (nothing was written).
 */
export async function postBulkByIds(change: BulkChange, ids: number[]): Promise<BulkResult> {
  const body: BulkRequest =
    change.action === "delete"
      ? { action: "delete", ids }
      : { action: "set_status", status_type: change.status, ids };
  const data = await unwrap(apiClient.POST("/api/jobs/bulk/", { body }));
  if (!("affected" in data)) throw unexpected(202);
  return data;
}

/**
 * Starts `change` on every job matching `filter` (`POST /api/jobs/bulk/` with `filter`): the
 * server answers 202 with an operation that its worker runs in batches; follow it with
 * `getBulkOperation`.
 * @throws ApiError when the server refuses the filter or the action (nothing was started).
 */
export async function postBulkByFilter(
  change: BulkChange,
  filter: BulkFilter,
): Promise<BulkOperation> {
  const body: BulkRequest =
    change.action === "delete"
      ? { action: "delete", filter }
      : { action: "set_status", status_type: change.status, filter };
  const data = await unwrap(apiClient.POST("/api/jobs/bulk/", { body }));
  if (!("state" in data)) throw unexpected(200);
  return data;
}
