import { describe, expect, it } from "vitest";

import type { JobPages } from "@/features/jobs/api/cache";
import { jobKeys } from "@/features/jobs/api/keys";
import {
  applyJobChange,
  applyJobDeleted,
  refreshListFromTop,
} from "@/features/jobs/live/live-cache";
import type { JobChange } from "@/features/jobs/live/job-events";
import type { Job, JobFilters, JobStats, StatusType } from "@/features/jobs/types";
import { makeJob } from "@/testing/job-factory";
import { createTestQueryClient } from "@/testing/render-with-providers";

const ALL: JobFilters = { status: [], search: "", ordering: "-created_at" };
const RUNNING: JobFilters = { status: ["RUNNING"], search: "", ordering: "-created_at" };
const LATER = "2026-12-01T10:00:00Z";

function change(id: number, status: StatusType, updatedAt = LATER): JobChange {
  const job = makeJob(id);
  return {
    id,
    name: job.name,
    current_status: status,
    status_changed_at: updatedAt,
    updated_at: updatedAt,
  };
}

function pages(jobs: Job[], next: string | null = null): JobPages {
  return { pages: [{ next, previous: null, results: jobs }], pageParams: [null] };
}

function stats(byStatus: Partial<JobStats["by_status"]>): JobStats {
  const zero = { PENDING: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0 };
  const merged = { ...zero, ...byStatus };
  return { total: Object.values(merged).reduce((a, b) => a + b, 0), by_status: merged };
}

function setup(filters: JobFilters, jobs: Job[], next: string | null = null) {
  const client = createTestQueryClient();
  client.setQueryData(jobKeys.list(filters), pages(jobs, next));
  client.setQueryData(jobKeys.head(filters), pages(jobs, next).pages[0]);
  const isStale = () => client.getQueryState(jobKeys.list(filters))?.isInvalidated ?? false;
  const headInvalidated = () => client.getQueryState(jobKeys.head(filters))?.isInvalidated ?? false;
  return { client, isStale, headInvalidated };
}

describe("applyJobChange", () => {
  it("replaces the loaded row and moves the count from its old status", () => {
    const { client, isStale } = setup(ALL, [makeJob(2), makeJob(1)]);
    client.setQueryData(jobKeys.stats(), stats({ PENDING: 2 }));

    expect(applyJobChange(client, change(1, "RUNNING"))).toBe(true);

    const data = client.getQueryData<JobPages>(jobKeys.list(ALL));
    expect(data?.pages[0]?.results.map((job) => job.current_status)).toEqual([
      "PENDING",
      "RUNNING",
    ]);
    expect(data?.pages[0]?.results[1]?.created_at).toBe(makeJob(1).created_at);
    expect(client.getQueryData<JobStats>(jobKeys.stats())?.by_status).toMatchObject({
      PENDING: 1,
      RUNNING: 1,
    });
    expect(isStale()).toBe(false);
  });

  it("ignores a change not newer than the cached row", () => {
    const { client } = setup(ALL, [makeJob(1, { current_status: "FAILED", updated_at: LATER })]);
    client.setQueryData(jobKeys.stats(), stats({ FAILED: 1 }));

    expect(applyJobChange(client, change(1, "RUNNING", "2026-11-30T00:00:00Z"))).toBe(true);

    const data = client.getQueryData<JobPages>(jobKeys.list(ALL));
    expect(data?.pages[0]?.results[0]?.current_status).toBe("FAILED");
    expect(client.getQueryData<JobStats>(jobKeys.stats())?.by_status.FAILED).toBe(1);
  });

  it("marks a list stale when a loaded job leaves its status filter", () => {
    const { client, isStale } = setup(RUNNING, [makeJob(1, { current_status: "RUNNING" })]);
    applyJobChange(client, change(1, "FAILED"));
    expect(isStale()).toBe(true);
  });

  it("marks a list stale when an unloaded job enters its status filter among the rows", () => {
    const { client, isStale, headInvalidated } = setup(RUNNING, [
      makeJob(3, { current_status: "RUNNING" }),
      makeJob(1, { current_status: "RUNNING" }),
    ]);
    expect(applyJobChange(client, change(2, "RUNNING"))).toBe(false);
    expect(isStale()).toBe(true);
    expect(headInvalidated()).toBe(false);
  });

  it("leaves a list alone for a job beyond its loaded pages", () => {
    const { client, isStale } = setup(
      RUNNING,
      [makeJob(5, { current_status: "RUNNING" })],
      "/api/jobs/?cursor=x",
    );
    applyJobChange(client, change(2, "RUNNING"));
    expect(isStale()).toBe(false);
  });

  it("asks the head for a job newer than every row (the 'new jobs' bar)", () => {
    const { client, isStale, headInvalidated } = setup(ALL, [makeJob(2), makeJob(1)]);
    expect(applyJobChange(client, change(3, "PENDING"))).toBe(false);
    expect(headInvalidated()).toBe(true);
    expect(isStale()).toBe(false);
  });

  it("marks a 'recently updated' list stale when a loaded row changes", () => {
    const filters: JobFilters = { ...ALL, ordering: "-updated_at" };
    const { client, isStale } = setup(filters, [makeJob(2), makeJob(1)]);
    applyJobChange(client, change(1, "RUNNING"));
    expect(isStale()).toBe(true);
  });

  it("patches the detail entry of the job", () => {
    const client = createTestQueryClient();
    client.setQueryData(jobKeys.detail(1), makeJob(1));
    applyJobChange(client, change(1, "CANCELLED"));
    expect(client.getQueryData<Job>(jobKeys.detail(1))?.current_status).toBe("CANCELLED");
  });
});

describe("applyJobDeleted", () => {
  it("removes the row and its count", () => {
    const { client } = setup(ALL, [makeJob(2), makeJob(1, { current_status: "RUNNING" })]);
    client.setQueryData(jobKeys.stats(), stats({ PENDING: 1, RUNNING: 1 }));

    expect(applyJobDeleted(client, 1)).toBe(true);

    const data = client.getQueryData<JobPages>(jobKeys.list(ALL));
    expect(data?.pages[0]?.results.map((job) => job.id)).toEqual([2]);
    expect(client.getQueryData<JobStats>(jobKeys.stats())).toEqual(stats({ PENDING: 1 }));
  });

  it("says when no cache knew the job", () => {
    const { client } = setup(ALL, [makeJob(2)]);
    expect(applyJobDeleted(client, 9)).toBe(false);
  });
});

describe("refreshListFromTop", () => {
  it("keeps only the first page before refetching", () => {
    const client = createTestQueryClient();
    const key = jobKeys.list(ALL);
    client.setQueryData<JobPages>(key, {
      pages: [...pages([makeJob(2)]).pages, ...pages([makeJob(1)]).pages],
      pageParams: [null, "c1"],
    });
    void refreshListFromTop(client, ALL);
    expect(client.getQueryData<JobPages>(key)?.pageParams).toEqual([null]);
  });
});
