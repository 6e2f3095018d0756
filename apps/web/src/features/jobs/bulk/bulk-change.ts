/** What a bulk action does to each job, and how it is worded. */
import { STATUS_LABELS } from "@/features/jobs/status";
import type { StatusType } from "@/features/jobs/types";

/** Set one status on every chosen job, or delete them. */
export type BulkChange = { action: "set_status"; status: StatusType } | { action: "delete" };

const numberFormat = new Intl.NumberFormat();

/** "1 job", "1,200 jobs". */
export function jobCount(count: number): string {
  return `${numberFormat.format(count)} ${count === 1 ? "job" : "jobs"}`;
}

/** The verb phrase of a change for `what` ("set 3 jobs to Failed", "delete 3 jobs"). */
export function describeChange(change: BulkChange, what: string): string {
  return change.action === "delete"
    ? `delete ${what}`
    : `set ${what} to ${STATUS_LABELS[change.status]}`;
}

/** What a change did, as a sentence start ("Deleted 3 jobs", "Set 3 jobs to Failed"). */
export function describeDone(change: BulkChange, what: string): string {
  return change.action === "delete"
    ? `Deleted ${what}`
    : `Set ${what} to ${STATUS_LABELS[change.status]}`;
}

/** "ids 3, 5 and 9", "ids 1, 2, …, 10 and 40 more" (at most `shown` ids named). */
export function describeIds(ids: readonly number[], shown = 10): string {
  if (ids.length === 1) return `id ${ids[0]}`;
  const named = ids.slice(0, shown);
  const rest = ids.length - named.length;
  if (rest > 0) return `ids ${named.join(", ")} and ${numberFormat.format(rest)} more`;
  return `ids ${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}
