import { useMutation, useQueryClient } from "@tanstack/react-query";

import {
  removeJobFromLists,
  replaceJobInCaches,
  restoreJobPositions,
  shiftStats,
  type JobPosition,
} from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import { jobWriteTopic } from "@/features/jobs/api/write-notices";
import { conflictMessage, conflictingJob, ifMatchOf } from "@/features/jobs/api/versions";
import type { Job } from "@/features/jobs/types";
import { apiClient, ApiError, errorMessage, unwrapEmpty } from "@/lib/api-client";
import { dismissNoticesAbout, pushNotice } from "@/lib/notices";

/**
 * Deletes a job and its statuses (`DELETE /api/jobs/{id}/`); with `ifMatch` only if the job is
 * still at that version.
 * @throws ApiError when the job cannot be deleted, or (412) it changed since.
 */
export function deleteJob(id: number, ifMatch?: string): Promise<void> {
  return unwrapEmpty(
    apiClient.DELETE("/api/jobs/{job_id}/", {
      params: { path: { job_id: id }, header: ifMatch ? { "If-Match": ifMatch } : {} },
    }),
  );
}

const deleteMutationKey = [...jobKeys.all, "delete"] as const;

function isJobWithId(value: unknown, id: number): boolean {
  return typeof value === "object" && value !== null && "id" in value && value.id === id;
}

/**
 * Optimistic delete: the row leaves every list and the counts drop at once; on failure the row
 * returns to where it was and a notice says what failed. A job already gone (404) stays gone.
 * The version the user confirmed goes in `If-Match`: a job changed since (412) is not deleted, its
 * row returns with the server's copy and a notice says "Changed by someone else: now <status>".
 * Once the job is deleted, the notices of its earlier failed writes are dismissed.
 * ⚠️ Call `deleteOnce` rather than `mutate`: it ignores a second request for the same job.
 */
export function useDeleteJob() {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationKey: deleteMutationKey,
    mutationFn: (job: Job) => deleteJob(job.id, ifMatchOf(job)),
    onMutate: (job): { positions: JobPosition[] } => {
      const positions = removeJobFromLists(client, job.id);
      shiftStats(client, job.current_status, null, -1);
      return { positions };
    },
    onError: (error, job, context) => {
      if (error instanceof ApiError && error.status === 404) return;
      if (context) restoreJobPositions(client, context.positions);
      const current = conflictingJob(error);
      shiftStats(client, null, (current ?? job).current_status, 1);
      if (current) {
        replaceJobInCaches(client, current);
        pushNotice(
          `${conflictMessage(current)}. "${job.name}" was not deleted.`,
          "error",
          jobWriteTopic(job.id, "delete"),
        );
        return;
      }
      pushNotice(
        `Could not delete "${job.name}": ${errorMessage(error)}`,
        "error",
        jobWriteTopic(job.id, "delete"),
      );
    },
    onSuccess: (_data, job) => {
      client.removeQueries({ queryKey: jobKeys.detail(job.id) });
      dismissNoticesAbout(jobWriteTopic(job.id, "delete"));
      dismissNoticesAbout(jobWriteTopic(job.id, "status"));
    },
    onSettled: () => client.invalidateQueries({ queryKey: jobKeys.stats() }),
  });

  /** Deletes the job unless a delete of it is already in flight. */
  function deleteOnce(job: Job, options?: { onSuccess?: () => void; onError?: () => void }): void {
    const pending = client
      .getMutationCache()
      .findAll({ mutationKey: deleteMutationKey, status: "pending" });
    if (pending.some((m) => isJobWithId(m.state.variables, job.id))) return;
    mutation.mutate(job, options);
  }

  return { ...mutation, deleteOnce };
}
