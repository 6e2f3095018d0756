import { describe, expect, it } from "vitest";

import { insertCreatedJob, type JobPages } from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import type { JobFilters, JobOrdering } from "@/features/jobs/types";
import { makeJob, makeJobs } from "@/testing/job-factory";
import { createTestQueryClient } from "@/testing/render-with-providers";

function filtersFor(ordering: JobOrdering): JobFilters {
  return { status: [], search: "", ordering };
}

function seedList(client: ReturnType<typeof createTestQueryClient>, filters: JobFilters): void {
  client.setQueryData<JobPages>(jobKeys.list(filters), {
    pages: [{ next: null, previous: null, results: makeJobs(3) }],
    pageParams: [null],
  });
}

function loadedIds(
  client: ReturnType<typeof createTestQueryClient>,
  filters: JobFilters,
): number[] {
  const data = client.getQueryData<JobPages>(jobKeys.list(filters));
  return data?.pages.flatMap((page) => page.results.map((job) => job.id)) ?? [];
}

describe("insertCreatedJob", () => {
  it("puts the new job on top of newest-first lists", () => {
    const client = createTestQueryClient();
    const newest = filtersFor("-created_at");
    const updated = filtersFor("-updated_at");
    seedList(client, newest);
    seedList(client, updated);

    insertCreatedJob(client, makeJob(99));

    expect(loadedIds(client, newest)[0]).toBe(99);
    expect(loadedIds(client, updated)[0]).toBe(99);
  });

  it("leaves lists in another order as loaded and marks them stale", () => {
    const client = createTestQueryClient();
    const byName = filtersFor("name");
    const oldest = filtersFor("created_at");
    seedList(client, byName);
    seedList(client, oldest);
    const before = loadedIds(client, byName);

    insertCreatedJob(client, makeJob(99));

    expect(loadedIds(client, byName)).toEqual(before);
    expect(loadedIds(client, oldest)).not.toContain(99);
    expect(client.getQueryState(jobKeys.list(byName))?.isInvalidated).toBe(true);
    expect(client.getQueryState(jobKeys.list(oldest))?.isInvalidated).toBe(true);
  });

  it("skips lists whose filters the job does not match", () => {
    const client = createTestQueryClient();
    const failedOnly: JobFilters = { status: ["FAILED"], search: "", ordering: "-created_at" };
    seedList(client, failedOnly);

    insertCreatedJob(client, makeJob(99, { current_status: "PENDING" }));

    expect(loadedIds(client, failedOnly)).not.toContain(99);
  });
});
