import { queryOptions, useQuery } from "@tanstack/react-query";

import { HEAD_REFRESH_INTERVAL_MS } from "@/config/constants";
import { jobKeys } from "@/features/jobs/api/keys";
import type { JobStats } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/**
 * Fetches the exact job counts (`GET /api/jobs/stats/`).
 * @throws ApiError when the API cannot be reached.
 */
export function getJobStats(signal?: AbortSignal): Promise<JobStats> {
  return unwrap(apiClient.GET("/api/jobs/stats/", { signal }));
}

/** Counts refresh with the head query: on an interval while visible and on focus. */
export function jobStatsQueryOptions() {
  return queryOptions({
    queryKey: jobKeys.stats(),
    queryFn: ({ signal }) => getJobStats(signal),
    refetchInterval: HEAD_REFRESH_INTERVAL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: "always",
  });
}

/** Exact counts per status and in total. */
export function useJobStats() {
  return useQuery(jobStatsQueryOptions());
}
