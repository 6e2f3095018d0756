/**
 * What a pushed event does to the TanStack Query cache. Rows already loaded are patched in
 * place (no loaded page is refetched); a list whose membership or order the change breaks is
 * only marked stale (its "List changed" bar offers the refresh) or, for a job that belongs
 * above its first row, its head query is refetched (the "Show N new jobs" bar).
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";

import {
  forgetDeletedJob,
  isFilters,
  jobMatchesFilters,
  shiftStats,
  type JobPages,
} from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import type { JobChange } from "@/features/jobs/live/job-events";
import type { Job, JobFilters, JobOrdering } from "@/features/jobs/types";

function timeMs(iso: string): number {
  return Date.parse(iso);
}

/** The freshest copy of a job held by any cached list or its detail entry. */
export function findCachedJob(client: QueryClient, id: number): Job | undefined {
  let found = client.getQueryData<Job>(jobKeys.detail(id));
  for (const [, data] of client.getQueriesData<JobPages>({ queryKey: jobKeys.lists() })) {
    for (const page of data?.pages ?? []) {
      const job = page.results.find((j) => j.id === id);
      if (job && (!found || timeMs(job.updated_at) > timeMs(found.updated_at))) found = job;
    }
  }
  return found;
}

/** Marks one list stale without refetching it (an infinite list would refetch every page). */
export function markListStale(client: QueryClient, queryKey: QueryKey): void {
  void client.invalidateQueries({ queryKey, exact: true, refetchType: "none" });
}

/** Whether the change moves a loaded row within a list in this order. */
function orderChanged(before: Job, after: Job, ordering: JobOrdering): boolean {
  if (ordering === "-updated_at") return true;
  return (ordering === "name" || ordering === "-name") && before.name !== after.name;
}

/** Where a changed job that a list has not loaded goes in it (ids stand in for creation order). */
type Placement = "head" | "stale" | "none";

function placeUnloaded(
  data: JobPages,
  filters: JobFilters,
  { change, known }: { change: JobChange; known: Job | undefined },
): Placement {
  if (!jobMatchesFilters(change, filters)) return "none";
  // A changed job sorts first here: the head query finds it ("Show 1 new job").
  if (filters.ordering === "-updated_at") return "head";
  // Already a member, beyond the loaded pages: nothing in view moved.
  if (known && jobMatchesFilters(known, filters)) return "none";
  const ids = data.pages.flatMap((page) => page.results.map((job) => job.id));
  const newer = ids.every((id) => id < change.id);
  const older = ids.every((id) => id > change.id);
  const more = data.pages.at(-1)?.next != null;
  // Only a status filter lets a status change move a job in; without one an unknown job is a
  // new one (or a member beyond the loaded pages).
  const movedIn = filters.status.length > 0;
  switch (filters.ordering) {
    case "-created_at":
      if (newer) return "head";
      return movedIn && !(more && older) ? "stale" : "none";
    case "created_at":
      if (more && newer) return "none";
      return movedIn || newer ? "stale" : "none";
    default:
      return movedIn || newer ? "stale" : "none";
  }
}

/**
 * Applies a `job` event: every loaded copy of the job (rows in every cached list, its detail)
 * takes the new fields, its history is refetched if its page is open, and lists it moved into
 * or out of are marked stale. Counts move from the old status when a cache knew it.
 * Returns false when no cache knew the job's old status (the caller refetches the counts).
 * ⚠️ A change not newer than the cached copy (`updated_at`) is ignored: it is this tab's own
 * write, or a late duplicate.
 */
export function applyJobChange(client: QueryClient, change: JobChange): boolean {
  const known = findCachedJob(client, change.id);
  if (known && timeMs(change.updated_at) <= timeMs(known.updated_at)) return true;
  for (const [queryKey, data] of client.getQueriesData<JobPages>({ queryKey: jobKeys.lists() })) {
    const filters = queryKey[2];
    if (!data || !isFilters(filters)) continue;
    const loaded = data.pages.flatMap((page) => page.results);
    const before = loaded.find((job) => job.id === change.id);
    if (!before) {
      const placement = placeUnloaded(data, filters, { change, known });
      if (placement === "head") {
        void client.invalidateQueries({ queryKey: jobKeys.head(filters), exact: true });
      } else if (placement === "stale") {
        markListStale(client, queryKey);
      }
      continue;
    }
    const after: Job = { ...before, ...change };
    client.setQueryData<JobPages>(queryKey, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        results: page.results.map((job) => (job.id === change.id ? after : job)),
      })),
    });
    if (!jobMatchesFilters(after, filters) || orderChanged(before, after, filters.ordering)) {
      markListStale(client, queryKey);
    }
  }
  const detail = client.getQueryData<Job>(jobKeys.detail(change.id));
  if (detail) client.setQueryData<Job>(jobKeys.detail(change.id), { ...detail, ...change });
  void client.invalidateQueries({ queryKey: jobKeys.history(change.id) });
  if (!known) return false;
  if (known.current_status !== change.current_status) {
    shiftStats(client, known.current_status, change.current_status);
  }
  return true;
}

/**
 * Applies a `deleted` event: the row leaves every list, an open job page refetches (and shows
 * "not found"), and the counts lose it. Returns false when no cache knew its status.
 */
export function applyJobDeleted(client: QueryClient, id: number): boolean {
  const known = findCachedJob(client, id);
  forgetDeletedJob(client, id);
  if (known) shiftStats(client, known.current_status, null, -1);
  return known !== undefined;
}

/** Refetches everything of the jobs feature that is on screen (events were missed). */
export function resyncJobs(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: jobKeys.all });
}

/**
 * Shows a list from its top again: keeps only its first page, then refetches it (one request,
 * where a refetch of the whole infinite list asks for every loaded page again).
 */
export function refreshListFromTop(client: QueryClient, filters: JobFilters): Promise<void> {
  const queryKey = jobKeys.list(filters);
  client.setQueryData<JobPages>(queryKey, (data) =>
    data ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } : data,
  );
  return client.refetchQueries({ queryKey, exact: true });
}
