import { useMutation, useQueryClient } from "@tanstack/react-query";

import { insertCreatedJob, shiftStats } from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import type { Job } from "@/features/jobs/types";
import { apiClient, unwrap } from "@/lib/api-client";

/**
 * Creates a job (`POST /api/jobs/`); the API gives it an initial PENDING status. With an
 * `idempotencyKey` (a UUID), sending the same name again with it returns the same job.
 * @throws ApiError with `errors.name` when the name is refused (422: the key was used for another
 * name).
 */
export function createJob(name: string, idempotencyKey?: string): Promise<Job> {
  return unwrap(
    apiClient.POST("/api/jobs/", {
      params: { header: idempotencyKey ? { "Idempotency-Key": `"${idempotencyKey}"` } : {} },
      body: { name },
    }),
  );
}

/** Input of the create mutation: the trimmed name and the submit's idempotency key. */
export interface CreateJobInput {
  name: string;
  idempotencyKey: string;
}

/**
 * Creates a job and puts it at the top of every cached newest-first list it matches, without
 * refetching the loaded pages; the counts move at once and are then confirmed by the server.
 */
export function useCreateJob() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...jobKeys.all, "create"],
    mutationFn: ({ name, idempotencyKey }: CreateJobInput) => createJob(name, idempotencyKey),
    onSuccess: (job) => {
      insertCreatedJob(client, job);
      shiftStats(client, null, job.current_status, 1);
      client.setQueryData(jobKeys.detail(job.id), job);
    },
    onSettled: () => client.invalidateQueries({ queryKey: jobKeys.stats() }),
  });
}
