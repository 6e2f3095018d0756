/**
 * Optimistic edits of the cached lists and counts for an id-list bulk action, in one pass per
 * cached list whatever the number of jobs, and their exact undo.
 */
import type { QueryClient } from "@tanstack/react-query";

import type { JobPages, JobPosition } from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import type { Job, JobListPage, JobStats, StatusType } from "@/features/jobs/types";

/** The loaded copy of each of `ids` (the first one found), by id. */
export function cachedJobs(client: QueryClient, ids: ReadonlySet<number>): Map<number, Job> {
  const found = new Map<number, Job>();
  for (const [, data] of client.getQueriesData<JobPages>({ queryKey: jobKeys.lists() })) {
    for (const page of data?.pages ?? []) {
      for (const job of page.results)
        if (ids.has(job.id) && !found.has(job.id)) found.set(job.id, job);
    }
  }
  return found;
}

/** Puts these jobs (by id) in place of their copies in every cached list and job page. */
export function replaceJobs(client: QueryClient, jobs: ReadonlyMap<number, Job>): void {
  client.setQueriesData<JobPages>({ queryKey: jobKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            results: page.results.map((job) => jobs.get(job.id) ?? job),
          })),
        }
      : data,
  );
  for (const job of jobs.values()) {
    if (client.getQueryData(jobKeys.detail(job.id)))
      client.setQueryData(jobKeys.detail(job.id), job);
  }
}

/**
 * These jobs shown with `status` set just now. ⚠️ `updated_at` (the job's version, its `ETag`)
 * is kept: the bulk answer carries no new versions, and a client-made one would be sent as
 * `If-Match` by a later write, and would hide the live event carrying the real one (an event
 * not newer than the cached copy is ignored).
 */
export function withStatus(jobs: Iterable<Job>, status: StatusType): Map<number, Job> {
  const now = new Date().toISOString();
  const changed = new Map<number, Job>();
  for (const job of jobs) {
    changed.set(job.id, {
      ...job,
      current_status: status,
      status_changed_at: now,
    });
  }
  return changed;
}

/**
 * Removes `ids` from every cached list and head answer; returns where each row was, in list
 * order, so that `restoreJobPositions` (features/jobs/api/cache) puts each back at its index.
 */
export function removeJobs(client: QueryClient, ids: ReadonlySet<number>): JobPosition[] {
  client.setQueriesData<JobListPage>({ queryKey: jobKeys.heads() }, (page) =>
    page ? { ...page, results: page.results.filter((job) => !ids.has(job.id)) } : page,
  );
  const positions: JobPosition[] = [];
  for (const [queryKey, data] of client.getQueriesData<JobPages>({ queryKey: jobKeys.lists() })) {
    if (!data) continue;
    data.pages.forEach((page, pageIndex) =>
      page.results.forEach((job, itemIndex) => {
        if (ids.has(job.id)) positions.push({ queryKey, pageIndex, itemIndex, job });
      }),
    );
    client.setQueryData<JobPages>(queryKey, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        results: page.results.filter((job) => !ids.has(job.id)),
      })),
    });
  }
  return positions;
}

/** One job leaving status `from` for `to` (`null`: no status, or out of the counts). */
export interface StatsMove {
  from: StatusType | null;
  to: StatusType | null;
}

/**
 * Applies many moves to the cached counts at once, and `totalDelta` to the total (minus the
 * number of jobs deleted; plus it to undo a delete).
 */
export function moveStats(client: QueryClient, moves: readonly StatsMove[], totalDelta = 0): void {
  client.setQueryData<JobStats>(jobKeys.stats(), (stats) => {
    if (!stats) return stats;
    const byStatus = { ...stats.by_status };
    for (const { from, to } of moves) {
      if (from) byStatus[from] = Math.max(0, byStatus[from] - 1);
      if (to) byStatus[to] += 1;
    }
    return { ...stats, total: Math.max(0, stats.total + totalDelta), by_status: byStatus };
  });
}

/** The reverse of each move. */
export function reverseMoves(moves: readonly StatsMove[]): StatsMove[] {
  return moves.map(({ from, to }) => ({ from: to, to: from }));
}
