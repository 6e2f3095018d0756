import { useMutation, useQueryClient } from "@tanstack/react-query";

import { restoreJobPositions } from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import {
  cachedJobs,
  moveStats,
  removeJobs,
  replaceJobs,
  reverseMoves,
  withStatus,
} from "@/features/jobs/bulk/bulk-cache";
import {
  describeChange,
  describeDone,
  describeIds,
  jobCount,
  type BulkChange,
} from "@/features/jobs/bulk/bulk-change";
import { postBulkByIds } from "@/features/jobs/bulk/post-bulk-action";
import type { BulkResult } from "@/features/jobs/types";
import { errorMessage } from "@/lib/api-client";
import { pushNotice } from "@/lib/notices";

/** Input of the id-list bulk mutation: the change and the jobs (at most `BULK_IDS_MAX`). */
export interface BulkIdsInput {
  change: BulkChange;
  ids: number[];
}

interface Undo {
  rollback: () => void;
}

/**
 * Optimistic id-list bulk action (`POST /api/jobs/bulk/` with `ids`, one transaction): the rows
 * and the counts change at once (rows get the new status, or leave the lists). When the server
 * refuses, everything rolls back and a notice names the refused ids; ids the server reports
 * missing (deleted elsewhere) leave the lists and the counts, and a notice names them.
 */
export function useBulkIdsAction() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...jobKeys.all, "bulk-ids"],
    mutationFn: ({ change, ids }: BulkIdsInput) => postBulkByIds(change, ids),
    onMutate: async ({ change, ids }): Promise<Undo> => {
      await client.cancelQueries({ queryKey: jobKeys.stats() });
      const idSet = new Set(ids);
      const before = cachedJobs(client, idSet);
      if (change.action === "delete") {
        const positions = removeJobs(client, idSet);
        const moves = [...before.values()].map((job) => ({ from: job.current_status, to: null }));
        moveStats(client, moves, -moves.length);
        return {
          rollback: () => {
            restoreJobPositions(client, positions);
            moveStats(client, reverseMoves(moves), moves.length);
          },
        };
      }
      const moves = [...before.values()].map((job) => ({
        from: job.current_status,
        to: change.status,
      }));
      replaceJobs(client, withStatus(before.values(), change.status));
      moveStats(client, moves);
      return {
        rollback: () => {
          replaceJobs(client, before);
          moveStats(client, reverseMoves(moves));
        },
      };
    },
    onError: (error, { change, ids }, undo) => {
      undo?.rollback();
      const what = `${jobCount(ids.length)} (${describeIds(ids)})`;
      pushNotice(`Could not ${describeChange(change, what)}: ${errorMessage(error)}`);
    },
    onSuccess: (result: BulkResult, { change }) => {
      if (result.missing.length === 0) return;
      const missing = new Set(result.missing);
      const gone = [...cachedJobs(client, missing).values()];
      removeJobs(client, missing);
      moveStats(
        client,
        gone.map((job) => ({ from: job.current_status, to: null })),
        -gone.length,
      );
      const done = describeDone(change, jobCount(result.affected));
      pushNotice(
        `${done}; ${describeIds(result.missing)} no longer existed (deleted elsewhere).`,
        "info",
      );
    },
    onSettled: (_result, _error, { ids }) => {
      void client.invalidateQueries({ queryKey: jobKeys.stats() });
      for (const id of ids) void client.invalidateQueries({ queryKey: jobKeys.detail(id) });
    },
  });
}
