/**
 * The wire format of `GET /api/jobs/events/` (docs/api.md, "Live updates"): Server-Sent Events
 * named `job`, `deleted` and `resync`, each with a JSON `data` line. Parsing never throws: a
 * frame of another shape is ignored (`null`), as a newer server may send more.
 */
import { isStatus } from "@/features/jobs/status";
import type { Job } from "@/features/jobs/types";

/** Path of the event stream (same origin: nginx or the dev proxy route it). */
export const JOB_EVENTS_PATH = "/api/jobs/events/";

/** The SSE event names the app listens to. */
export const JOB_EVENT_TYPES = ["job", "deleted", "resync"] as const;

/** A `job` event: the changed fields of one job (the list row's formats; no `created_at`). */
export type JobChange = Pick<
  Job,
  "id" | "name" | "current_status" | "status_changed_at" | "updated_at"
>;

function parseObject(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : null;
  } catch {
    return null;
  }
}

function isJobId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function isTimestamp(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

/** The job of a `job` event's data, or null when it is not one. */
export function parseJobChange(data: string): JobChange | null {
  const body = parseObject(data);
  if (!body) return null;
  const { id, name, current_status: status, status_changed_at: changedAt, updated_at } = body;
  if (!isJobId(id) || typeof name !== "string" || !isTimestamp(updated_at)) return null;
  if (status !== null && !(typeof status === "string" && isStatus(status))) return null;
  if (changedAt !== null && !isTimestamp(changedAt)) return null;
  return {
    id,
    name,
    current_status: status,
    status_changed_at: changedAt,
    updated_at,
  };
}

/** The job id of a `deleted` event's data, or null when it is not one. */
export function parseDeletedId(data: string): number | null {
  const id = parseObject(data)?.id;
  return isJobId(id) ? id : null;
}
