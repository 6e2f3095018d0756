import { focusManager } from "@tanstack/react-query";
import { act, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { jobKeys } from "@/features/jobs/api/keys";
import { parseJobFilters } from "@/features/jobs/hooks/use-job-filters";
import { fakeApiJobs, fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJob, makeJobs } from "@/testing/job-factory";
import { server } from "@/testing/msw-server";
import { renderWithProviders } from "@/testing/render-with-providers";

const defaultFilters = parseJobFilters(new URLSearchParams());

describe("JobsPanel states", () => {
  it("shows a loading skeleton, then the rows", async () => {
    seedFakeApi(makeJobs(2));
    renderWithProviders("/");
    expect(
      screen.getAllByRole("status").find((status) => status.textContent === "Loading jobs"),
    ).toHaveAttribute("aria-busy", "true");
    expect(await screen.findByRole("link", { name: "job-00002" })).toBeInTheDocument();
  });

  it("shows an error banner with Retry that loads the list", async () => {
    seedFakeApi(makeJobs(2));
    let failures = 1;
    server.use(
      http.get("/api/jobs/", () => {
        if (failures-- > 0)
          return HttpResponse.json({ detail: "Service unavailable." }, { status: 503 });
        return undefined;
      }),
    );
    const { user } = renderWithProviders("/");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load jobs: Service unavailable.");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("link", { name: "job-00002" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("keeps the shown rows when a refresh fails, and offers Retry", async () => {
    seedFakeApi(makeJobs(2));
    const { user, queryClient } = renderWithProviders("/");
    await screen.findByRole("link", { name: "job-00002" });
    server.use(http.get("/api/jobs/", () => HttpResponse.error()));
    await act(() => queryClient.refetchQueries({ queryKey: jobKeys.head(defaultFilters) }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not refresh the list");
    expect(screen.getByRole("link", { name: "job-00002" })).toBeInTheDocument();
    server.resetHandlers();
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    await act(async () => {});
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("offers new jobs found by the head query and inserts them at the top on click", async () => {
    seedFakeApi(makeJobs(3));
    const { user, queryClient } = renderWithProviders("/");
    await screen.findByRole("link", { name: "job-00003" });
    seedFakeApi([...fakeApiJobs(), makeJob(4), makeJob(5)]);
    await act(() => queryClient.refetchQueries({ queryKey: jobKeys.head(defaultFilters) }));

    await user.click(await screen.findByRole("button", { name: "Show 2 new jobs" }));
    const list = screen.getByRole("table", { name: "Jobs" });
    expect(
      within(list)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["job-00005", "job-00004", "job-00003", "job-00002", "job-00001"]);
  });

  it("updates rows on screen in place when the head query sees a change", async () => {
    seedFakeApi(makeJobs(2));
    const { queryClient } = renderWithProviders("/");
    const link = await screen.findByRole("link", { name: "job-00002" });
    const row = within(link.closest<HTMLElement>("[role=row]") ?? document.body);
    seedFakeApi([
      makeJob(1),
      makeJob(2, { current_status: "FAILED", updated_at: "2027-01-01T00:00:00Z" }),
    ]);
    await act(() => queryClient.refetchQueries({ queryKey: jobKeys.head(defaultFilters) }));
    expect(await row.findByText("Failed", { selector: "span" })).toBeInTheDocument();
  });
});

describe("freshness", () => {
  it("refreshes only the first page and the counts when the window regains focus", async () => {
    seedFakeApi(makeJobs(120));
    renderWithProviders("/");
    await screen.findByRole("link", { name: "job-00120" });
    const before = fakeApiRequests().length;
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() =>
      expect(fakeApiRequests().slice(before).sort()).toEqual([
        "GET /api/jobs/?ordering=-created_at&page_size=50",
        "GET /api/jobs/stats/",
      ]),
    );
    act(() => focusManager.setFocused(undefined));
  });
});
