import { infiniteQueryOptions, queryOptions, useInfiniteQuery } from "@tanstack/react-query";

import {
  HEAD_REFRESH_INTERVAL_MS,
  JOBS_PAGE_SIZE,
  LIVE_HEAD_REFRESH_INTERVAL_MS,
} from "@/config/constants";
import { cursorFromLink } from "@/features/jobs/api/cursor";
import { jobKeys } from "@/features/jobs/api/keys";
import type { JobFilters, JobListPage } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/** Input of {@link getJobs}. */
export interface GetJobsInput {
  filters: JobFilters;
  /** Opaque cursor from a previous page's `next` link; `null` for the first page. */
  cursor: string | null;
  signal?: AbortSignal;
}

/**
 * Fetches one page of jobs (`GET /api/jobs/`).
 * @throws ApiError when the API refuses the filters or cannot be reached.
 */
export function getJobs({ filters, cursor, signal }: GetJobsInput): Promise<JobListPage> {
  return unwrap(
    apiClient.GET("/api/jobs/", {
      params: {
        query: {
          status: filters.status.length > 0 ? filters.status : undefined,
          search: filters.search || undefined,
          ordering: filters.ordering,
          page_size: JOBS_PAGE_SIZE,
          cursor: cursor ?? undefined,
        },
      },
      signal,
    }),
  );
}

/**
 * The jobs list as an infinite query keyed by its filters.
 * ⚠️ Never refetched as a whole on focus or by invalidation (that would refetch every loaded
 * page); freshness comes from {@link jobsHeadQueryOptions} and writes patch the cache in place.
 */
export function jobsInfiniteQueryOptions(filters: JobFilters) {
  return infiniteQueryOptions({
    queryKey: jobKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getJobs({ filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => cursorFromLink(lastPage.next),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Loaded pages of the jobs list for these filters, fetching more on demand. */
export function useJobs(filters: JobFilters) {
  return useInfiniteQuery(jobsInfiniteQueryOptions(filters));
}

/**
 * The light head query: only the first page (compared with the loaded list by `useHeadRefresh`), refreshed every {@link HEAD_REFRESH_INTERVAL_MS}
 * while the tab is visible and when the window regains focus. While the live-updates stream is
 * open (`polling` false) events keep the list fresh: it then refreshes only every
 * {@link LIVE_HEAD_REFRESH_INTERVAL_MS}, or when an event asks for it.
 */
export function jobsHeadQueryOptions(
  filters: JobFilters,
  seed: { page: JobListPage; updatedAtMs: number } | undefined,
  polling = true,
) {
  const intervalMs = polling ? HEAD_REFRESH_INTERVAL_MS : LIVE_HEAD_REFRESH_INTERVAL_MS;
  return queryOptions({
    queryKey: jobKeys.head(filters),
    queryFn: ({ signal }) => getJobs({ filters, cursor: null, signal }),
    // Seeded with the list's own first page, so it first runs one interval later.
    enabled: seed !== undefined,
    initialData: seed?.page,
    initialDataUpdatedAt: seed?.updatedAtMs,
    staleTime: HEAD_REFRESH_INTERVAL_MS,
    refetchInterval: intervalMs,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: "always",
  });
}
