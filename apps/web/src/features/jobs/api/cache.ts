/**
 * In-place edits of the cached jobs lists and counts. Writes patch what is already loaded
 * instead of invalidating the infinite lists, which would refetch every loaded page.
 */
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";

import { jobKeys } from "@/features/jobs/api/keys";
import type {
  Job,
  JobFilters,
  JobListPage,
  JobOrdering,
  JobStats,
  StatusType,
} from "@/features/jobs/types";

/** The cache shape of one infinite jobs list. */
export type JobPages = InfiniteData<JobListPage, string | null>;

/** Where a job sat in one cached list, to put it back on rollback. */
export interface JobPosition {
  queryKey: QueryKey;
  pageIndex: number;
  itemIndex: number;
  job: Job;
}

function mapPages(data: JobPages, map: (results: Job[]) => Job[]): JobPages {
  return { ...data, pages: data.pages.map((page) => ({ ...page, results: map(page.results) })) };
}

/** Replaces a job (matched by id) in every cached list and in its detail entry. */
export function replaceJobInCaches(client: QueryClient, job: Job): void {
  client.setQueriesData<JobPages>({ queryKey: jobKeys.lists() }, (data) =>
    data ? mapPages(data, (results) => results.map((j) => (j.id === job.id ? job : j))) : data,
  );
  if (client.getQueryData(jobKeys.detail(job.id))) client.setQueryData(jobKeys.detail(job.id), job);
}

/** Replaces several jobs at once in one list (rows on screen updated by the head query). */
export function replaceJobsInList(client: QueryClient, filters: JobFilters, jobs: Job[]): void {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  client.setQueryData<JobPages>(jobKeys.list(filters), (data) =>
    data ? mapPages(data, (results) => results.map((j) => byId.get(j.id) ?? j)) : data,
  );
}

/**
 * Removes a job from every cached list; returns where it was.
 * ⚠️ The head answers lose it too: otherwise a deleted top row would be offered as "1 new job".
 */
export function removeJobFromLists(client: QueryClient, id: number): JobPosition[] {
  client.setQueriesData<JobListPage>({ queryKey: jobKeys.heads() }, (page) =>
    page ? { ...page, results: page.results.filter((job) => job.id !== id) } : page,
  );
  const positions: JobPosition[] = [];
  for (const [queryKey, data] of client.getQueriesData<JobPages>({ queryKey: jobKeys.lists() })) {
    if (!data) continue;
    data.pages.forEach((page, pageIndex) => {
      const itemIndex = page.results.findIndex((job) => job.id === id);
      const job = page.results[itemIndex];
      if (job) positions.push({ queryKey, pageIndex, itemIndex, job });
    });
  }
  for (const { queryKey } of positions) {
    client.setQueryData<JobPages>(queryKey, (data) =>
      data ? mapPages(data, (results) => results.filter((job) => job.id !== id)) : data,
    );
  }
  return positions;
}

/**
 * Forgets a job the API says is gone: it leaves every list, and its detail and history are
 * refetched (so an open job page shows "not found"). Returns whether any cache still held it.
 */
export function forgetDeletedJob(client: QueryClient, id: number): boolean {
  const positions = removeJobFromLists(client, id);
  const hadDetail = client.getQueryData(jobKeys.detail(id)) !== undefined;
  void client.invalidateQueries({ queryKey: jobKeys.detail(id) });
  return positions.length > 0 || hadDetail;
}

/** Puts jobs back where {@link removeJobFromLists} found them. */
export function restoreJobPositions(client: QueryClient, positions: JobPosition[]): void {
  for (const { queryKey, pageIndex, itemIndex, job } of positions) {
    client.setQueryData<JobPages>(queryKey, (data) => {
      if (!data) return data;
      return {
        ...data,
        pages: data.pages.map((page, index) => {
          if (index !== pageIndex || page.results.some((j) => j.id === job.id)) return page;
          const results = [...page.results];
          results.splice(itemIndex, 0, job);
          return { ...page, results };
        }),
      };
    });
  }
}

/** Adds jobs at the top of one list's first page (skipping ones already loaded). */
export function prependJobsToList(client: QueryClient, filters: JobFilters, jobs: Job[]): void {
  client.setQueryData<JobPages>(jobKeys.list(filters), (data) => {
    const [first, ...rest] = data?.pages ?? [];
    if (!data || !first) return data;
    const loaded = new Set(data.pages.flatMap((page) => page.results.map((job) => job.id)));
    const fresh = jobs.filter((job) => !loaded.has(job.id));
    return { ...data, pages: [{ ...first, results: [...fresh, ...first.results] }, ...rest] };
  });
}

/** Whether a job belongs in a list with these filters (they read only its status and name). */
export function jobMatchesFilters(
  job: Pick<Job, "current_status" | "name">,
  filters: JobFilters,
): boolean {
  const statusOk =
    filters.status.length === 0 ||
    (job.current_status !== null && filters.status.includes(job.current_status));
  const searchOk =
    !filters.search || job.name.toLowerCase().includes(filters.search.trim().toLowerCase());
  return statusOk && searchOk;
}

/**
 * Orderings in which a job created now sorts before every loaded row. In the others it
 * belongs at the end (`created_at`) or somewhere in the middle (`name`, `-name`).
 */
const NEWEST_FIRST_ORDERINGS: ReadonlySet<JobOrdering> = new Set(["-created_at", "-updated_at"]);

/**
 * Adds a newly created job to every cached list it belongs to, without refetching pages:
 * at the top of newest-first lists. A list in another order is only marked stale (no refetch
 * now), so the job shows up in its place when that list is next loaded or scrolled to.
 */
export function insertCreatedJob(client: QueryClient, job: Job): void {
  for (const [queryKey] of client.getQueriesData<JobPages>({ queryKey: jobKeys.lists() })) {
    const filters = queryKey[2];
    if (!isFilters(filters) || !jobMatchesFilters(job, filters)) continue;
    if (NEWEST_FIRST_ORDERINGS.has(filters.ordering)) {
      prependJobsToList(client, filters, [job]);
    } else {
      void client.invalidateQueries({ queryKey, exact: true, refetchType: "none" });
    }
  }
}

/** Whether a list query key's last element (`jobKeys.list(filters)`) is a filters object. */
export function isFilters(value: unknown): value is JobFilters {
  return typeof value === "object" && value !== null && "ordering" in value && "status" in value;
}

/**
 * Moves one job between status counts: `from` loses one, `to` gains one (`null`: no status),
 * and the total changes by `totalDelta` (+1 create, -1 delete, 0 status change).
 */
export function shiftStats(
  client: QueryClient,
  from: StatusType | null,
  to: StatusType | null,
  totalDelta = 0,
): void {
  client.setQueryData<JobStats>(jobKeys.stats(), (stats) => {
    if (!stats) return stats;
    const byStatus = { ...stats.by_status };
    if (from) byStatus[from] = Math.max(0, byStatus[from] - 1);
    if (to) byStatus[to] = byStatus[to] + 1;
    return { ...stats, total: Math.max(0, stats.total + totalDelta), by_status: byStatus };
  });
}
