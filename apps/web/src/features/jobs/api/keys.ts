/** Query keys of the jobs feature. Every variable a `queryFn` reads appears in its key. */
import type { JobFilters } from "@/features/jobs/types";

/** Query key factory: `all` ⊃ `lists()` ⊃ `list(filters)`, `detail(id)` ⊃ `history(id)`, … */
export const jobKeys = {
  all: ["jobs"] as const,
  lists: () => [...jobKeys.all, "list"] as const,
  list: (filters: JobFilters) => [...jobKeys.lists(), filters] as const,
  heads: () => [...jobKeys.all, "head"] as const,
  head: (filters: JobFilters) => [...jobKeys.heads(), filters] as const,
  details: () => [...jobKeys.all, "detail"] as const,
  detail: (id: number) => [...jobKeys.details(), id] as const,
  history: (id: number) => [...jobKeys.detail(id), "history"] as const,
  stats: () => [...jobKeys.all, "stats"] as const,
  bulkOperation: (id: number) => [...jobKeys.all, "bulk", id] as const,
};
