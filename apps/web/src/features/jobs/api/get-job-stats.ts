import { queryOptions, useQuery } from "@tanstack/react-query";

import { HEAD_REFRESH_INTERVAL_MS, LIVE_HEAD_REFRESH_INTERVAL_MS } from "@/config/constants";
import { jobKeys } from "@/features/jobs/api/keys";
import { useNeedsPolling } from "@/features/jobs/live/live-status";
import type { JobStats } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/**
 * Fetches the exact job counts (`GET /api/jobs/stats/`).
 * @throws ApiError when the API cannot be reached.
 */
export function getJobStats(signal?: AbortSignal): Promise<JobStats> {
  return unwrap(apiClient.GET("/api/jobs/stats/", { signal }));
}

/**
 * Counts refresh with the head query: on an interval while visible and on focus, rarely while
 * the live-updates stream is open (`polling` false: events move them).
 */
export function jobStatsQueryOptions(polling = true) {
  return queryOptions({
    queryKey: jobKeys.stats(),
    queryFn: ({ signal }) => getJobStats(signal),
    refetchInterval: polling ? HEAD_REFRESH_INTERVAL_MS : LIVE_HEAD_REFRESH_INTERVAL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: "always",
  });
}

/** Exact counts per status and in total. */
export function useJobStats() {
  return useQuery(jobStatsQueryOptions(useNeedsPolling()));
}
