/**
 * Status values, orderings, their labels and helpers shared by the jobs feature. The values
 * come from the generated schema (`make types`); only the labels and display order live here,
 * and the compiler makes every generated value have one.
 */
import {
  pathsApiJobsGetParametersQueryOrderingValues,
  statusTypeEnumValues,
} from "@/api/schema.gen";
import type { JobOrdering, StatusType } from "@/features/jobs/types";

/** Every status, in lifecycle order (the API schema's order). */
export const STATUSES: readonly StatusType[] = statusTypeEnumValues;

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

/** Label of each ordering, in the order the toolbar shows them. */
const ORDERING_LABELS: Record<JobOrdering, string> = {
  "-created_at": "Newest",
  created_at: "Oldest",
  name: "Name A–Z",
  "-name": "Name Z–A",
  "-updated_at": "Recently updated",
};

/** Sort options in the order the toolbar shows them. */
export const ORDERINGS: readonly { value: JobOrdering; label: string }[] = Object.entries(
  ORDERING_LABELS,
)
  .filter((entry): entry is [JobOrdering, string] => isOrdering(entry[0]))
  .map(([value, label]) => ({ value, label }));

/** The API's default ordering. */
export const DEFAULT_ORDERING: JobOrdering = "-created_at";

/** Narrows an arbitrary string to an ordering the API accepts. */
export function isOrdering(value: string): value is JobOrdering {
  return pathsApiJobsGetParametersQueryOrderingValues.some((ordering) => ordering === value);
}
