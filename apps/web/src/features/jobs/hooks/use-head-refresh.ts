import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";

import { prependJobsToList, replaceJobsInList } from "@/features/jobs/api/cache";
import { jobsHeadQueryOptions } from "@/features/jobs/api/get-jobs";
import { useNeedsPolling } from "@/features/jobs/live/live-status";
import type { Job, JobFilters, JobListPage } from "@/features/jobs/types";

/** The loaded list {@link useHeadRefresh} compares the head with (from the caller's `useJobs`). */
export interface LoadedList {
  /** Every loaded job, in list order; undefined until the first page arrives. */
  jobs: readonly Job[] | undefined;
  firstPage: JobListPage | undefined;
  /** When the list was last fetched, in epoch ms (seeds the head query's age). */
  updatedAtMs: number;
}

/**
 * Keeps the loaded list fresh without refetching its pages. The head query (first page only)
 * runs on an interval while the tab is visible and on focus; rows already loaded are updated in
 * place, and jobs above the first loaded one are offered as "N new jobs". While the live-updates
 * stream is open it polls rarely: events patch the rows and refetch the head when a job belongs
 * above the first one.
 */
export function useHeadRefresh(filters: JobFilters, { jobs, firstPage, updatedAtMs }: LoadedList) {
  const client = useQueryClient();
  const seed = firstPage ? { page: firstPage, updatedAtMs } : undefined;
  const head = useQuery(jobsHeadQueryOptions(filters, seed, useNeedsPolling()));

  const loadedById = useMemo(() => new Map((jobs ?? []).map((job) => [job.id, job])), [jobs]);

  const newJobs = useMemo(() => {
    const fresh: Job[] = [];
    if (!jobs) return fresh;
    for (const job of head.data?.results ?? []) {
      if (loadedById.has(job.id)) break;
      fresh.push(job);
    }
    return fresh;
  }, [head.data, loadedById, jobs]);

  // ⚠️ Each head answer is applied once: re-applying an old answer after a local write would
  // undo that write.
  const appliedAtMs = useRef(0);
  useEffect(() => {
    if (!head.data || head.dataUpdatedAt === appliedAtMs.current) return;
    appliedAtMs.current = head.dataUpdatedAt;
    // ⚠️ Only newer copies: a pushed event may have patched a row after this answer was made.
    const changed = head.data.results.filter((job) => {
      const shown = loadedById.get(job.id);
      return shown !== undefined && Date.parse(job.updated_at) > Date.parse(shown.updated_at);
    });
    if (changed.length > 0) replaceJobsInList(client, filters, changed);
  }, [client, filters, head.data, head.dataUpdatedAt, loadedById]);

  const showNewJobs = useCallback(() => {
    prependJobsToList(client, filters, newJobs);
  }, [client, filters, newJobs]);

  return { newJobs, showNewJobs, headError: head.error, retryHead: head.refetch };
}
