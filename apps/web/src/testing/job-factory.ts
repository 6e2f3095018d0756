import { STATUSES } from "@/features/jobs/status";
import type { Job } from "@/features/jobs/types";

const BASE_MS = Date.parse("2026-11-01T12:00:00Z");

/** A job whose fields derive from its id (newer ids are created later). */
export function makeJob(id: number, overrides: Partial<Job> = {}): Job {
  const created = new Date(BASE_MS + id * 60_000).toISOString();
  return {
    id,
    name: `job-${String(id).padStart(5, "0")}`,
    current_status: "PENDING",
    status_changed_at: created,
    created_at: created,
    updated_at: created,
    ...overrides,
  };
}

/** `count` jobs with ids 1..count and statuses cycling through all five. */
export function makeJobs(count: number): Job[] {
  return Array.from({ length: count }, (_, index) =>
    makeJob(index + 1, { current_status: STATUSES[index % STATUSES.length] ?? "PENDING" }),
  );
}
