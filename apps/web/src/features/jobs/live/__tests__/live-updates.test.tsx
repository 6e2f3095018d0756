import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { JobChange } from "@/features/jobs/live/job-events";
import type { Job, StatusType } from "@/features/jobs/types";
import { fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJob, makeJobs } from "@/testing/job-factory";
import {
  installEventSource,
  liveIndicator,
  refuseJobEvents,
  serveJobEvents,
  setPageVisibility,
  type StreamConnection,
} from "@/testing/live-stream";
import { renderWithProviders } from "@/testing/render-with-providers";

const LATER = "2026-12-01T10:00:00Z";

function changed(job: Job, status: StatusType, at = LATER): JobChange {
  return {
    id: job.id,
    name: job.name,
    current_status: status,
    status_changed_at: at,
    updated_at: at,
  };
}

function row(name: string) {
  const link = screen.getByRole("link", { name });
  return within(link.closest<HTMLElement>("[role=row]") ?? document.body);
}

function countOf(label: string): HTMLElement {
  return within(screen.getByRole("group", { name: "Filter by status" })).getByRole("button", {
    name: new RegExp(`^${label}`),
  });
}

function listRequests(): number {
  return fakeApiRequests().filter((r) => r.startsWith("GET /api/jobs/?")).length;
}

/** Renders the app at `path` and waits for the stream to be live. */
async function renderLive(path: string, connections: StreamConnection[]) {
  const rendered = renderWithProviders(path);
  await waitFor(() => expect(liveIndicator()).toHaveTextContent("Live"));
  expect(connections).toHaveLength(1);
  return rendered;
}

beforeEach(installEventSource);
afterEach(() => vi.unstubAllGlobals());

describe("live updates", () => {
  it("patches the row's badge and the counts in place, without refetching the list", async () => {
    const jobs = makeJobs(5); // job-00001 PENDING … job-00005 CANCELLED
    seedFakeApi(jobs);
    const connections = serveJobEvents();
    await renderLive("/", connections);
    await screen.findByRole("link", { name: "job-00001" });
    await waitFor(() => expect(countOf("Running")).toHaveTextContent("1"));
    const before = listRequests();

    connections[0]?.send({ event: "job", id: "7", data: changed(makeJob(1), "RUNNING") });

    expect(
      await row("job-00001").findByRole("button", { name: "Status of job-00001: Running" }),
    ).toBeInTheDocument();
    expect(countOf("Running")).toHaveTextContent("2");
    expect(countOf("Pending")).toHaveTextContent("0");
    expect(listRequests()).toBe(before);
  });

  it("keeps a job that left the filter in place and offers to refresh the list", async () => {
    seedFakeApi(makeJobs(5));
    const connections = serveJobEvents();
    const { user } = await renderLive("/?status=PENDING", connections);
    await screen.findByRole("link", { name: "job-00001" });
    // The database changes too, so the refresh no longer finds the job.
    seedFakeApi(
      makeJobs(5).map((job) => (job.id === 1 ? { ...job, ...changed(job, "FAILED") } : job)),
    );

    connections[0]?.send({ event: "job", data: changed(makeJob(1), "FAILED") });

    const refresh = await screen.findByRole("button", { name: "List changed: refresh" });
    expect(row("job-00001").getByRole("button", { name: /: Failed$/ })).toBeInTheDocument();
    await user.click(refresh);
    await waitFor(() =>
      expect(screen.queryByRole("link", { name: "job-00001" })).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole("button", { name: "List changed: refresh" })).not.toBeInTheDocument();
  });

  it("offers a job created elsewhere as a new job", async () => {
    seedFakeApi(makeJobs(3));
    const connections = serveJobEvents();
    await renderLive("/", connections);
    await screen.findByRole("link", { name: "job-00003" });
    const created = makeJob(4);
    seedFakeApi([...makeJobs(3), created]);

    connections[0]?.send({ event: "job", data: changed(created, "PENDING", created.updated_at) });

    expect(await screen.findByRole("button", { name: "Show 1 new job" })).toBeInTheDocument();
    await waitFor(() => expect(countOf("Pending")).toHaveTextContent("2"));
  });

  it("removes a deleted job's row and its count", async () => {
    seedFakeApi(makeJobs(5));
    const connections = serveJobEvents();
    await renderLive("/", connections);
    await screen.findByRole("link", { name: "job-00002" });
    await waitFor(() => expect(countOf("Running")).toHaveTextContent("1"));

    connections[0]?.send({ event: "deleted", data: { id: 2 } });

    await waitFor(() =>
      expect(screen.queryByRole("link", { name: "job-00002" })).not.toBeInTheDocument(),
    );
    expect(countOf("Running")).toHaveTextContent("0");
    expect(screen.getByRole("link", { name: "job-00001" })).toBeInTheDocument();
  });

  it("updates an open job page and refetches its history", async () => {
    seedFakeApi(makeJobs(3));
    const connections = serveJobEvents();
    await renderLive("/jobs/2", connections);
    expect(await screen.findByRole("heading", { name: "job-00002" })).toBeInTheDocument();
    const historyBefore = fakeApiRequests().filter((r) => r.includes("/statuses/")).length;

    connections[0]?.send({ event: "job", data: changed(makeJob(2), "COMPLETED") });

    await waitFor(() =>
      expect(fakeApiRequests().filter((r) => r.includes("/statuses/")).length).toBeGreaterThan(
        historyBefore,
      ),
    );
    expect(
      await screen.findByRole("button", { name: "Status of job-00002: Completed" }),
    ).toBeInTheDocument();
  });

  it("refetches the list and the counts on resync", async () => {
    seedFakeApi(makeJobs(3));
    const connections = serveJobEvents();
    await renderLive("/", connections);
    await screen.findByRole("link", { name: "job-00003" });
    seedFakeApi(
      makeJobs(3).map((job) => (job.id === 3 ? { ...job, ...changed(job, "FAILED") } : job)),
    );
    const statsBefore = fakeApiRequests().filter((r) =>
      r.startsWith("GET /api/jobs/stats/"),
    ).length;

    connections[0]?.send({ event: "resync", data: {} });

    expect(
      await screen.findByRole("button", { name: "Status of job-00003: Failed" }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        fakeApiRequests().filter((r) => r.startsWith("GET /api/jobs/stats/")).length,
      ).toBeGreaterThan(statsBefore),
    );
  });

  it("closes the stream while the page is hidden, then reopens it and refetches", async () => {
    seedFakeApi(makeJobs(3));
    const connections = serveJobEvents();
    await renderLive("/", connections);
    await screen.findByRole("link", { name: "job-00003" });

    setPageVisibility("hidden");
    await waitFor(() => expect(connections[0]?.signal.aborted).toBe(true));
    expect(liveIndicator()).toHaveTextContent("Paused");
    // A change made while hidden is missed by the stream…
    seedFakeApi(
      makeJobs(3).map((job) => (job.id === 3 ? { ...job, ...changed(job, "FAILED") } : job)),
    );

    setPageVisibility("visible");
    await waitFor(() => expect(liveIndicator()).toHaveTextContent("Live"));
    expect(connections).toHaveLength(2);
    // … and found by the refetch that follows the reopening.
    expect(
      await screen.findByRole("button", { name: "Status of job-00003: Failed" }),
    ).toBeInTheDocument();
  });

  it("falls back to polling when the stream answers 404", async () => {
    seedFakeApi(makeJobs(2));
    refuseJobEvents();
    renderWithProviders("/");
    await screen.findByRole("link", { name: "job-00002" });
    await waitFor(() => expect(liveIndicator()).toHaveTextContent("Polling"));
  });

  it("polls where the browser has no EventSource", async () => {
    vi.unstubAllGlobals();
    vi.stubGlobal("EventSource", undefined);
    seedFakeApi(makeJobs(2));
    renderWithProviders("/");
    await screen.findByRole("link", { name: "job-00002" });
    expect(liveIndicator()).toHaveTextContent("Polling");
  });
});
