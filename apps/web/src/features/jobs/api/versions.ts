/**
 * Job versions for conditional writes (docs/api.md, "Versions and If-Match"). The API's `ETag` of
 * a job is its `updated_at` in double quotes, so the app builds `If-Match` from the copy the user
 * saw (a list row, the job page, a live update) without asking the server first.
 */
import { STATUS_LABELS, isStatus } from "@/features/jobs/status";
import type { Job } from "@/features/jobs/types";
import { ApiError } from "@/lib/api-client";

/** The `If-Match` value naming this copy of the job. */
export function ifMatchOf(job: Pick<Job, "updated_at">): string {
  return `"${job.updated_at}"`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

/**
 * The job as it is now, from a 412 answer (it changed since the version sent), else null: any
 * other error, or a 412 whose body is not the documented `{detail, job}`.
 */
export function conflictingJob(error: unknown): Job | null {
  if (!(error instanceof ApiError) || error.status !== 412 || !isRecord(error.payload)) return null;
  const job = error.payload.job;
  if (!isRecord(job)) return null;
  const { id, name, current_status, status_changed_at, created_at, updated_at } = job;
  if (typeof id !== "number" || typeof name !== "string") return null;
  if (typeof created_at !== "string" || typeof updated_at !== "string") return null;
  if (!isNullableString(status_changed_at)) return null;
  if (
    current_status !== null &&
    !(typeof current_status === "string" && isStatus(current_status))
  ) {
    return null;
  }
  return { id, name, current_status, status_changed_at, created_at, updated_at };
}

/** "Changed by someone else: now Failed" for the job a 412 answered with. */
export function conflictMessage(current: Job): string {
  const status = current.current_status ? STATUS_LABELS[current.current_status] : "no status";
  return `Changed by someone else: now ${status}`;
}
