import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";

import { prependJobsToList, replaceJobsInList } from "@/features/jobs/api/cache";
import { jobsHeadQueryOptions, useJobs } from "@/features/jobs/api/get-jobs";
import type { Job, JobFilters } from "@/features/jobs/types";

/**
 * Keeps the loaded list fresh without refetching its pages. The head query (first page only)
 * runs on an interval while the tab is visible and on focus; rows already loaded are updated in
 * place, and jobs above the first loaded one are offered as "N new jobs".
 */
export function useHeadRefresh(filters: JobFilters, jobs: readonly Job[] | undefined) {
  const client = useQueryClient();
  const list = useJobs(filters);
  const firstPage = list.data?.pages[0];
  const seed = firstPage ? { page: firstPage, updatedAtMs: list.dataUpdatedAt } : undefined;
  const head = useQuery(jobsHeadQueryOptions(filters, seed));

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
    const changed = head.data.results.filter((job) => {
      const shown = loadedById.get(job.id);
      return shown !== undefined && shown.updated_at !== job.updated_at;
    });
    if (changed.length > 0) replaceJobsInList(client, filters, changed);
  }, [client, filters, head.data, head.dataUpdatedAt, loadedById]);

  const showNewJobs = useCallback(() => {
    prependJobsToList(client, filters, newJobs);
  }, [client, filters, newJobs]);

  return { newJobs, showNewJobs, headError: head.error, retryHead: head.refetch };
}
