import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { fakeApiJobs, fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { server } from "@/testing/msw-server";
import { renderWithProviders } from "@/testing/render-with-providers";

/** Renders the list over jobs 1..count (statuses cycling Pending, Running, …), newest first. */
async function setup(count = 6) {
  seedFakeApi(makeJobs(count));
  const view = renderWithProviders("/");
  await screen.findByRole("link", { name: `job-${String(count).padStart(5, "0")}` });
  await waitFor(() =>
    expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent(String(count)),
  );
  return view;
}

function box(name: string): HTMLElement {
  return screen.getByRole("checkbox", { name: `Select ${name}` });
}

async function toolbar(): Promise<HTMLElement> {
  return screen.findByRole("region", { name: "Bulk actions" });
}

function statusOf(name: string): HTMLElement {
  return screen.getByRole("button", { name: new RegExp(`^Status of ${name}: `) });
}

/** Clicks a toolbar action, then the confirmation's button; returns the dialog's title. */
async function confirmAction(user: UserEvent, action: "Set status" | "Delete"): Promise<string> {
  await user.click(within(await toolbar()).getByRole("button", { name: action }));
  const dialog = await screen.findByRole("alertdialog");
  const title = within(dialog).getByRole("heading").textContent;
  await user.click(within(dialog).getByRole("button", { name: action }));
  return title;
}

describe("row selection", () => {
  it("ticks rows and Shift-click ranges; the toolbar names the count and hides when cleared", async () => {
    const { user } = await setup();
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
    await user.click(box("job-00005"));
    await user.keyboard("{Shift>}");
    await user.click(box("job-00003"));
    await user.keyboard("{/Shift}");
    expect(within(await toolbar()).getByRole("status")).toHaveTextContent("3 selected");
    for (const name of ["job-00005", "job-00004", "job-00003"]) expect(box(name)).toBeChecked();
    expect(box("job-00006")).not.toBeChecked();
    const all = screen.getByRole("checkbox", { name: "Select all loaded jobs" });
    expect(all).toHaveProperty("indeterminate", true);

    await user.click(within(await toolbar()).getByRole("button", { name: "Clear selection" }));
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
    expect(box("job-00005")).not.toBeChecked();
  });

  it("works from the keyboard: Space ticks a row, the toolbar's controls are reachable", async () => {
    const { user } = await setup();
    box("job-00006").focus();
    await user.keyboard(" ");
    expect(box("job-00006")).toBeChecked();
    expect(within(await toolbar()).getByRole("status")).toHaveTextContent("1 selected");
  });

  it("sets a status on the selected rows at once, with a confirmation naming the count", async () => {
    const { user } = await setup();
    await user.click(box("job-00005"));
    await user.click(box("job-00002"));
    await user.selectOptions(
      within(await toolbar()).getByRole("combobox", { name: "New status" }),
      "COMPLETED",
    );
    expect(await confirmAction(user, "Set status")).toBe("Set 2 jobs to Completed?");

    // Optimistic: the badges and counts move before the server answers.
    expect(statusOf("job-00005")).toHaveAccessibleName("Status of job-00005: Completed");
    expect(statusOf("job-00002")).toHaveAccessibleName("Status of job-00002: Completed");
    expect(screen.getByRole("button", { name: /^Completed/ })).toHaveTextContent("3");
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        fakeApiJobs()
          .filter((job) => job.current_status === "COMPLETED")
          .map((job) => job.id),
      ).toEqual([2, 3, 5]),
    );
    expect(fakeApiRequests().filter((r) => r === "POST /api/jobs/bulk/")).toHaveLength(1);
  });

  it("rolls back and names the refused ids when the server refuses", async () => {
    server.use(
      http.post("/api/jobs/bulk/", () =>
        HttpResponse.json(
          { detail: "The change conflicted with concurrent changes." },
          { status: 409 },
        ),
      ),
    );
    const { user } = await setup();
    await user.click(box("job-00006"));
    await user.click(box("job-00004"));
    expect(await confirmAction(user, "Delete")).toBe("Delete 2 jobs?");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Could not delete 2 jobs (ids 6 and 4): The change conflicted with concurrent changes.",
    );
    expect(screen.getByRole("link", { name: "job-00006" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "job-00004" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("6");
    expect(fakeApiJobs()).toHaveLength(6);
  });

  it("deletes the selected rows at once and names the ids the server no longer had", async () => {
    const { user } = await setup();
    seedFakeApi(fakeApiJobs().filter((job) => job.id !== 5)); // deleted elsewhere
    await user.click(box("job-00006"));
    await user.click(box("job-00005"));
    await user.click(box("job-00001"));
    await confirmAction(user, "Delete");

    expect(screen.queryByRole("link", { name: "job-00006" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "job-00001" })).not.toBeInTheDocument();
    const notice = await screen.findByText(
      "Deleted 2 jobs; id 5 no longer existed (deleted elsewhere).",
    );
    expect(notice.closest("[role=status]"), "an info notice").not.toBeNull();
    expect(screen.queryByRole("link", { name: "job-00005" })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("3"),
    );
    expect(fakeApiJobs().map((job) => job.id)).toEqual([2, 3, 4]);
  });
});

describe("select all", () => {
  it("the header box selects every loaded row; 'Select all N' then goes filter-wide", async () => {
    const { user } = await setup(60); // 50 loaded, 60 match
    await user.click(screen.getByRole("checkbox", { name: "Select all loaded jobs" }));
    const bar = await toolbar();
    expect(within(bar).getByRole("status")).toHaveTextContent("50 selected");
    await user.click(within(bar).getByRole("button", { name: "Select all 60 jobs" }));
    expect(within(bar).getByRole("status")).toHaveTextContent("All 60 jobs selected");

    await user.click(box("job-00060"));
    expect(within(bar).getByRole("status")).toHaveTextContent("49 selected");
  });
});
