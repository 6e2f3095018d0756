/** Status values, their labels and helpers shared by the jobs feature. */
import type { JobOrdering, StatusType } from "@/features/jobs/types";

/** Every status, in lifecycle order. */
export const STATUSES: readonly StatusType[] = [
  "PENDING",
  "RUNNING",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
];

/** Title-case label shown for each status ("Running"). */
export const STATUS_LABELS: Record<StatusType, string> = {
  PENDING: "Pending",
  RUNNING: "Running",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/** Narrows an arbitrary string to a status. */
export function isStatus(value: string): value is StatusType {
  return STATUSES.some((status) => status === value);
}

/** Sort options in the order the toolbar shows them. */
export const ORDERINGS: readonly { value: JobOrdering; label: string }[] = [
  { value: "-created_at", label: "Newest" },
  { value: "created_at", label: "Oldest" },
  { value: "name", label: "Name A–Z" },
  { value: "-name", label: "Name Z–A" },
  { value: "-updated_at", label: "Recently updated" },
];

/** The API's default ordering. */
export const DEFAULT_ORDERING: JobOrdering = "-created_at";

/** Narrows an arbitrary string to an ordering. */
export function isOrdering(value: string): value is JobOrdering {
  return ORDERINGS.some((option) => option.value === value);
}
