/** Which jobs a bulk action is for, and how the toolbar and its confirmation name them. */
import { jobCount } from "@/features/jobs/bulk/bulk-change";
import { STATUS_LABELS } from "@/features/jobs/status";
import type { BulkFilter, JobFilters, JobStats } from "@/features/jobs/types";

/** Loaded rows picked by id (one transaction), or every job matching the filters (batched). */
export type BulkTarget =
  | { kind: "ids"; ids: number[] }
  | {
      kind: "filter";
      filter: BulkFilter;
      /** The exact number of matching jobs from the counts; unknown with a search. */
      count: number | undefined;
      /** With a search: the count of the statuses alone, which the matches cannot exceed. */
      atMost: number | undefined;
      /** "Running jobs whose name contains "simulation"". */
      description: string;
    };

/** The list filters as a bulk action's filter (`{}` is every job). */
export function bulkFilterOf(filters: JobFilters): BulkFilter {
  return {
    ...(filters.status.length > 0 ? { status: filters.status } : {}),
    ...(filters.search ? { search: filters.search } : {}),
  };
}

/** The counts of the filters' statuses (every job without a status filter). */
export function statusCount(filters: JobFilters, stats: JobStats | undefined): number | undefined {
  if (!stats) return undefined;
  if (filters.status.length === 0) return stats.total;
  return filters.status.reduce((sum, status) => sum + stats.by_status[status], 0);
}

/** "jobs", "Running or Failed jobs", then "whose name contains "x"" when searching. */
export function describeFilters(filters: JobFilters): string {
  const statuses = filters.status.map((status) => STATUS_LABELS[status]).join(" or ");
  const jobs = statuses ? `${statuses} jobs` : "jobs";
  return filters.search ? `${jobs} whose name contains "${filters.search}"` : jobs;
}

/** Every job matching `filters`, counted where the counts can say. */
export function filterTarget(filters: JobFilters, stats: JobStats | undefined): BulkTarget {
  const byStatus = statusCount(filters, stats);
  return {
    kind: "filter",
    filter: bulkFilterOf(filters),
    count: filters.search ? undefined : byStatus,
    atMost: filters.search ? byStatus : undefined,
    description: describeFilters(filters),
  };
}

/** "3 jobs", "all 12,000 Running jobs", "all Running jobs whose name contains "x"". */
export function targetPhrase(target: BulkTarget): string {
  if (target.kind === "ids") return jobCount(target.ids.length);
  const count =
    target.count === undefined ? "" : `${new Intl.NumberFormat().format(target.count)} `;
  return `all ${count}${target.description}`;
}
