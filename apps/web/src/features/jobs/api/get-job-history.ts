import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { HISTORY_PAGE_SIZE } from "@/config/constants";
import { cursorFromLink } from "@/features/jobs/api/cursor";
import { jobKeys } from "@/features/jobs/api/keys";
import type { JobHistoryPage } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/**
 * Fetches one page of a job's status history, newest first (`GET /api/jobs/{id}/statuses/`).
 * @throws ApiError with status 404 when no such job exists.
 */
export function getJobHistory(
  id: number,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<JobHistoryPage> {
  return unwrap(
    apiClient.GET("/api/jobs/{job_id}/statuses/", {
      params: {
        path: { job_id: id },
        query: { page_size: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined },
      },
      signal,
    }),
  );
}

/** Infinite query options for a job's history, paged by the `next` link's cursor. */
export function jobHistoryQueryOptions(id: number) {
  return infiniteQueryOptions({
    queryKey: jobKeys.history(id),
    queryFn: ({ pageParam, signal }) => getJobHistory(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => cursorFromLink(lastPage.next),
  });
}

/** A job's status history, keyset-paged. */
export function useJobHistory(id: number) {
  return useInfiniteQuery(jobHistoryQueryOptions(id));
}
