import { useMutation, useQueryClient } from "@tanstack/react-query";

import { forgetDeletedJob, replaceJobInCaches, shiftStats } from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import { jobWriteTopic } from "@/features/jobs/api/write-notices";
import { conflictMessage, conflictingJob, ifMatchOf } from "@/features/jobs/api/versions";
import { STATUS_LABELS } from "@/features/jobs/status";
import type { Job, StatusType } from "@/features/jobs/types";
import { apiClient, ApiError, errorMessage, unwrap } from "@/lib/api-client";
import { dismissNoticesAbout, pushNotice } from "@/lib/notices";

/**
 * Sets a job's status (`PATCH /api/jobs/{id}/ {status_type}`); the API appends a status row.
 * With `ifMatch` (see {@link ifMatchOf}) only if the job is still at that version.
 * @throws ApiError when the status is refused, the job is gone, or (412) it changed since.
 */
export function changeJobStatus(id: number, status: StatusType, ifMatch?: string): Promise<Job> {
  return unwrap(
    apiClient.PATCH("/api/jobs/{job_id}/", {
      params: { path: { job_id: id }, header: ifMatch ? { "If-Match": ifMatch } : {} },
      body: { status_type: status },
    }),
  );
}

/**
 * Input of the status-change mutation: the job as the user saw it when choosing (its version goes
 * in `If-Match`), and the wanted status.
 */
export interface ChangeJobStatusInput {
  job: Job;
  status: StatusType;
}

/**
 * Optimistic status change: the row, the detail and the counts change at once; on failure they
 * roll back to the job as it was and a notice says what failed. A job already gone (404, deleted
 * elsewhere) is not rolled back but forgotten: its row leaves the lists, the counts lose it, its
 * page shows "not found", and one notice says "This job was deleted". A job changed by someone
 * else since the user saw it (412) is not overwritten: the caches take the job the server sent and
 * a notice says "Changed by someone else: now <status>". A change that succeeds dismisses the
 * notices of the job's earlier failed changes.
 */
export function useChangeJobStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...jobKeys.all, "change-status"],
    mutationFn: ({ job, status }: ChangeJobStatusInput) =>
      changeJobStatus(job.id, status, ifMatchOf(job)),
    onMutate: async ({ job, status }) => {
      await client.cancelQueries({ queryKey: jobKeys.detail(job.id), exact: true });
      const now = new Date().toISOString();
      replaceJobInCaches(client, {
        ...job,
        current_status: status,
        status_changed_at: now,
        updated_at: now,
      });
      shiftStats(client, job.current_status, status);
    },
    onError: (error, { job, status }) => {
      if (error instanceof ApiError && error.status === 404) {
        // ⚠️ Only the first failure of several in flight finds the job still cached.
        if (forgetDeletedJob(client, job.id)) shiftStats(client, status, null, -1);
        pushNotice(`This job was deleted: "${job.name}" no longer exists.`);
        return;
      }
      const current = conflictingJob(error);
      replaceJobInCaches(client, current ?? job);
      shiftStats(client, status, (current ?? job).current_status);
      if (current) {
        pushNotice(
          `${conflictMessage(current)}. "${job.name}" was not set to ${STATUS_LABELS[status]}.`,
          "error",
          jobWriteTopic(job.id, "status"),
        );
        return;
      }
      pushNotice(
        `Could not change the status of "${job.name}" to ${STATUS_LABELS[status]}: ${errorMessage(error)}`,
        "error",
        jobWriteTopic(job.id, "status"),
      );
    },
    onSuccess: (job) => {
      replaceJobInCaches(client, job);
      dismissNoticesAbout(jobWriteTopic(job.id, "status"));
    },
    onSettled: (_data, _error, { job }) => {
      void client.invalidateQueries({ queryKey: jobKeys.stats() });
      void client.invalidateQueries({ queryKey: jobKeys.history(job.id) });
    },
  });
}
