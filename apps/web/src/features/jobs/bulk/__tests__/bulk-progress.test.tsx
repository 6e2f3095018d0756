import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { fakeApiJobs, fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { server } from "@/testing/msw-server";
import { renderWithProviders } from "@/testing/render-with-providers";

const PROGRESS_TIMEOUT = { timeout: 10_000 };

/** 300 jobs (60 of each status); opens `path` and selects every job matching its filters. */
async function selectAllMatching(path: string, selectLabel: string) {
  seedFakeApi(makeJobs(300));
  const view = renderWithProviders(path);
  await screen.findAllByRole("checkbox", { name: /^Select job-/ });
  await waitFor(() =>
    expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("300"),
  );
  await view.user.click(screen.getByRole("checkbox", { name: "Select all loaded jobs" }));
  const bar = await screen.findByRole("region", { name: "Bulk actions" });
  await view.user.click(within(bar).getByRole("button", { name: selectLabel }));
  return { ...view, bar };
}

async function failAll(user: UserEvent, bar: HTMLElement): Promise<HTMLElement> {
  await user.selectOptions(within(bar).getByRole("combobox", { name: "New status" }), "FAILED");
  await user.click(within(bar).getByRole("button", { name: "Set status" }));
  const dialog = await screen.findByRole("alertdialog");
  await user.click(within(dialog).getByRole("button", { name: "Set status" }));
  return dialog;
}

const running = () => fakeApiJobs().filter((job) => job.current_status === "RUNNING");

describe("filter-wide bulk action", () => {
  it("names the count, shows progress until done, then reloads the list and the counts", async () => {
    const { user, bar } = await selectAllMatching("/?status=RUNNING", "Select all 60 Running jobs");
    expect(within(bar).getByRole("status")).toHaveTextContent("All 60 Running jobs selected");
    const dialog = await failAll(user, bar);
    expect(dialog).toHaveTextContent("Set all 60 Running jobs to Failed?");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());

    const progress = await within(bar).findByRole("progressbar", { name: "Bulk action progress" });
    await waitFor(() => expect(progress).toHaveAttribute("max", "60"), PROGRESS_TIMEOUT);
    expect(
      await within(bar).findByText(/^Setting Failed on 25 of 60 jobs/, {}, PROGRESS_TIMEOUT),
    ).toBeVisible();
    expect(
      await within(bar).findByText("Done: Set 60 jobs to Failed.", {}, PROGRESS_TIMEOUT),
    ).toBeVisible();
    expect(running()).toHaveLength(0);

    // The Running list reloads (now empty) and the counts are the server's.
    expect(await screen.findByText("No jobs match these filters")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Failed/ })).toHaveTextContent("120");
    expect(screen.getByRole("button", { name: /^Running/ })).toHaveTextContent("0");
    await user.click(within(bar).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
  });

  it("with a search, the confirmation gives the bound the counts allow", async () => {
    const { user, bar } = await selectAllMatching(
      "/?search=job-00",
      'Select all jobs whose name contains "job-00"',
    );
    await user.click(within(bar).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByRole("heading")).toHaveTextContent(
      'Delete all jobs whose name contains "job-00"?',
    );
    expect(dialog).toHaveTextContent("At most 300 (the count of their statuses)");
  });

  it("a failed run says how far it got and Retry starts it again", async () => {
    let failures = 1;
    server.use(
      http.get("/api/jobs/bulk/:operation_id/", () => {
        if (failures-- <= 0) return undefined;
        return HttpResponse.json({
          id: 1,
          action: "set_status",
          status_type: "FAILED",
          filter: { status: ["RUNNING"] },
          state: "failed",
          total: 60,
          done: 0,
          error: "OperationalError: the database went away",
          created_at: "2026-11-01T12:00:00Z",
          started_at: "2026-11-01T12:00:00Z",
          finished_at: "2026-11-01T12:00:01Z",
        });
      }),
    );
    const { user, bar } = await selectAllMatching("/?status=RUNNING", "Select all 60 Running jobs");
    await failAll(user, bar);
    const alert = await within(bar).findByRole("alert");
    expect(alert).toHaveTextContent(
      "The bulk action stopped after 0 of 60 jobs: OperationalError: the database went away",
    );
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(
      await within(bar).findByText("Done: Set 60 jobs to Failed.", {}, PROGRESS_TIMEOUT),
    ).toBeVisible();
    expect(fakeApiRequests().filter((r) => r === "POST /api/jobs/bulk/")).toHaveLength(2);
    expect(running()).toHaveLength(0);
  });

  it("a progress read that fails stops polling and offers Retry", async () => {
    let failures = 1;
    server.use(
      http.get("/api/jobs/bulk/:operation_id/", () =>
        failures-- > 0 ? HttpResponse.error() : undefined,
      ),
    );
    const { user, bar } = await selectAllMatching("/?status=RUNNING", "Select all 60 Running jobs");
    await failAll(user, bar);
    const alert = await within(bar).findByRole("alert", {}, PROGRESS_TIMEOUT);
    expect(alert).toHaveTextContent("Could not read the progress");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(
      await within(bar).findByText("Done: Set 60 jobs to Failed.", {}, PROGRESS_TIMEOUT),
    ).toBeVisible();
  });

  it("a refused start is shown with Retry, and the selection stays", async () => {
    let failures = 1;
    server.use(
      http.post("/api/jobs/bulk/", () =>
        failures-- > 0
          ? HttpResponse.json({ detail: "Service unavailable." }, { status: 503 })
          : undefined,
      ),
    );
    const { user, bar } = await selectAllMatching("/?status=RUNNING", "Select all 60 Running jobs");
    await failAll(user, bar);
    const alert = await within(bar).findByRole("alert");
    expect(alert).toHaveTextContent(
      "Could not set all 60 Running jobs to Failed: Service unavailable.",
    );
    expect(within(bar).getByRole("status")).toHaveTextContent("All 60 Running jobs selected");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(
      await within(bar).findByText("Done: Set 60 jobs to Failed.", {}, PROGRESS_TIMEOUT),
    ).toBeVisible();
  });
});
