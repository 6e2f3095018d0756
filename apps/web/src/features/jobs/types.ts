/**
 * Names for the generated API types used by the jobs feature. Derived from the operations rather
 * than component names, so a renamed serializer does not ripple through the app.
 */
import type { paths } from "@/api/schema.gen";

type JsonOf<R> = R extends { content: { "application/json": infer Body } } ? Body : never;

/** One page of `GET /api/jobs/`. */
export type JobListPage = JsonOf<paths["/api/jobs/"]["get"]["responses"][200]>;

/** A job as the API returns it. */
export type Job = JobListPage["results"][number];

/** Query parameters accepted by `GET /api/jobs/`. */
export type JobListQuery = NonNullable<paths["/api/jobs/"]["get"]["parameters"]["query"]>;

/** The list orderings the API accepts. */
export type JobOrdering = NonNullable<JobListQuery["ordering"]>;

/** One page of `GET /api/jobs/{id}/statuses/`. */
export type JobHistoryPage = JsonOf<paths["/api/jobs/{job_id}/statuses/"]["get"]["responses"][200]>;

/** One status change of a job. */
export type JobStatus = JobHistoryPage["results"][number];

/** A status value (`PENDING`, `RUNNING`, …). */
export type StatusType = JobStatus["status_type"];

/** Exact counts from `GET /api/jobs/stats/`. */
export type JobStats = JsonOf<paths["/api/jobs/stats/"]["get"]["responses"][200]>;

/** Filters of the jobs list, as kept in the URL. */
export interface JobFilters {
  status: StatusType[];
  search: string;
  ordering: JobOrdering;
}

type BulkPost = paths["/api/jobs/bulk/"]["post"];

/** A body of `POST /api/jobs/bulk/` (an id list or a filter, set_status or delete). */
export type BulkRequest = BulkPost["requestBody"]["content"]["application/json"];

/** The 200 answer to an id-list bulk action: jobs written and the ids of no job. */
export type BulkResult = JsonOf<BulkPost["responses"][200]>;

/** A filter-wide bulk action and its progress (202, and `GET /api/jobs/bulk/{id}/`). */
export type BulkOperation = JsonOf<BulkPost["responses"][202]>;

/** The filter of a filter-wide bulk action (the list's `status` and `search`). */
export type BulkFilter = BulkOperation["filter"];
