/**
 * Routes the stream's events to the cache: `job` and `deleted` patch it in place, `resync`
 * refetches what is on screen. Counts a patch cannot move (the job's old status was in no
 * cache) are refetched, at most once per {@link LIVE_STATS_REFETCH_THROTTLE_MS}.
 */
import type { QueryClient } from "@tanstack/react-query";

import { LIVE_STATS_REFETCH_THROTTLE_MS } from "@/config/constants";
import { jobKeys } from "@/features/jobs/api/keys";
import type { JobEventType } from "@/features/jobs/live/job-event-stream";
import { parseDeletedId, parseJobChange } from "@/features/jobs/live/job-events";
import { applyJobChange, applyJobDeleted, resyncJobs } from "@/features/jobs/live/live-cache";

/** The handler of one client's events; `dispose()` cancels a pending counts refetch. */
export interface JobEventHandler {
  onEvent: (type: JobEventType, data: string) => void;
  /** Refetches everything on screen (a `resync` event, or a new stream after a gap). */
  resync: () => void;
  dispose: () => void;
}

/** Builds the event handler for `client`. */
export function createJobEventHandler(client: QueryClient): JobEventHandler {
  let lastStatsMs = Number.NEGATIVE_INFINITY;
  let statsTimer: ReturnType<typeof setTimeout> | undefined;

  function refetchStatsNow(): void {
    statsTimer = undefined;
    lastStatsMs = Date.now();
    void client.invalidateQueries({ queryKey: jobKeys.stats() });
  }

  // Leading and trailing: the first event refetches at once, a burst once more at its end.
  function refetchStats(): void {
    if (statsTimer !== undefined) return;
    const waitMs = lastStatsMs + LIVE_STATS_REFETCH_THROTTLE_MS - Date.now();
    if (waitMs <= 0) refetchStatsNow();
    else statsTimer = setTimeout(refetchStatsNow, waitMs);
  }

  function resync(): void {
    void resyncJobs(client);
  }

  function onEvent(type: JobEventType, data: string): void {
    if (type === "resync") {
      resync();
      return;
    }
    if (type === "job") {
      const change = parseJobChange(data);
      if (change && !applyJobChange(client, change)) refetchStats();
      return;
    }
    const id = parseDeletedId(data);
    if (id !== null && !applyJobDeleted(client, id)) refetchStats();
  }

  return { onEvent, resync, dispose: () => clearTimeout(statsTimer) };
}
