import { queryOptions, useQuery } from "@tanstack/react-query";

import { jobKeys } from "@/features/jobs/api/keys";
import type { Job } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/**
 * Fetches one job (`GET /api/jobs/{id}/`).
 * @throws ApiError with status 404 when no such job exists.
 */
export function getJob(id: number, signal?: AbortSignal): Promise<Job> {
  return unwrap(apiClient.GET("/api/jobs/{job_id}/", { params: { path: { job_id: id } }, signal }));
}

/** Query options for one job, keyed by `jobKeys.detail(id)`. */
export function jobQueryOptions(id: number) {
  return queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => getJob(id, signal),
  });
}

/** One job, kept fresh on window focus. */
export function useJob(id: number) {
  return useQuery(jobQueryOptions(id));
}
