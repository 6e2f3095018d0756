import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { fakeApiJobs, fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { server } from "@/testing/msw-server";
import { renderWithProviders } from "@/testing/render-with-providers";

/** Picks `label` in the status menu of the row's job (click the badge, click the item). */
async function chooseStatus(user: UserEvent, label: string) {
  // findBy: the menu is a lazily loaded chunk; until it lands the badge is not a button yet.
  await user.click(await screen.findByRole("button", { name: /^Status of job-00002/ }));
  await user.click(screen.getByRole("menuitemradio", { name: label }));
}

async function setup() {
  seedFakeApi(makeJobs(3)); // job-00001 PENDING, job-00002 RUNNING, job-00003 COMPLETED
  const view = renderWithProviders("/");
  const link = await screen.findByRole("link", { name: "job-00002" });
  const row = within(link.closest<HTMLElement>("[role=row]") ?? document.body);
  await waitFor(() =>
    expect(screen.getByRole("button", { name: /^Running/ })).toHaveTextContent("1"),
  );
  return { ...view, row };
}

describe("status change", () => {
  it("changes the row and the counts at once, and keeps them when the server agrees", async () => {
    const { user, row } = await setup();
    await chooseStatus(user, "Failed");
    expect(row.getByRole("button", { name: "Status of job-00002: Failed" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Failed/ })).toHaveTextContent("1");
    await waitFor(() =>
      expect(fakeApiJobs().find((j) => j.id === 2)?.current_status).toBe("FAILED"),
    );
    expect(row.getByRole("button", { name: "Status of job-00002: Failed" })).toHaveFocus();
  });

  it("rolls back and says what failed when the server refuses", async () => {
    server.use(
      http.patch("/api/jobs/:job_id/", () =>
        HttpResponse.json({ detail: "Database unavailable." }, { status: 503 }),
      ),
    );
    const { user, row } = await setup();
    await chooseStatus(user, "Failed");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      'Could not change the status of "job-00002" to Failed: Database unavailable.',
    );
    expect(row.getByRole("button", { name: "Status of job-00002: Running" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Running/ })).toHaveTextContent("1");
    expect(screen.getByRole("button", { name: /^Failed/ })).toHaveTextContent("0");
  });

  it("clears the failure's notice once a retry succeeds", async () => {
    server.use(
      http.patch(
        "/api/jobs/:job_id/",
        () => HttpResponse.json({ detail: "Database unavailable." }, { status: 503 }),
        { once: true },
      ),
    );
    const { user } = await setup();
    await chooseStatus(user, "Failed");
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not change the status");

    await chooseStatus(user, "Failed");
    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeInTheDocument());
    expect(fakeApiJobs().find((j) => j.id === 2)?.current_status).toBe("FAILED");
  });
});

describe("status change of a job deleted elsewhere", () => {
  it("removes the row, updates the counts and says so once", async () => {
    const { user } = await setup();
    // Deleted through the API by someone else after the list loaded.
    seedFakeApi(fakeApiJobs().filter((job) => job.id !== 2));
    await chooseStatus(user, "Failed");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      'This job was deleted: "job-00002" no longer exists.',
    );
    expect(screen.queryByRole("link", { name: "job-00002" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("2");
    expect(screen.getByRole("button", { name: /^Running/ })).toHaveTextContent("0");
    expect(screen.getByRole("button", { name: /^Failed/ })).toHaveTextContent("0");
    // The counts refetched after the failure agree, and the row stays gone.
    const statsReads = () => fakeApiRequests().filter((r) => r === "GET /api/jobs/stats/");
    await waitFor(() => expect(statsReads().length).toBeGreaterThan(1));
    expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("2");
    expect(screen.queryByRole("link", { name: "job-00002" })).not.toBeInTheDocument();
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("says it once when two changes of the deleted job fail", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let patches = 0;
    server.use(
      http.patch("/api/jobs/:job_id/", async () => {
        patches += 1;
        await held;
        return HttpResponse.json({ detail: "Job 2 not found." }, { status: 404 });
      }),
    );
    const { user } = await setup();
    await chooseStatus(user, "Failed");
    await chooseStatus(user, "Completed");
    release();

    expect(await screen.findByRole("alert")).toHaveTextContent("This job was deleted");
    await waitFor(() =>
      expect(screen.queryByRole("link", { name: "job-00002" })).not.toBeInTheDocument(),
    );
    expect(patches).toBe(2);
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("shows the not-found page when it happens on the job page", async () => {
    seedFakeApi(makeJobs(3));
    const { user } = renderWithProviders("/jobs/2");
    await screen.findByRole("button", { name: "Status of job-00002: Running" });
    seedFakeApi(fakeApiJobs().filter((job) => job.id !== 2));
    await chooseStatus(user, "Failed");

    expect(await screen.findByRole("heading", { name: "Not found" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This job was deleted");
  });
});

describe("delete", () => {
  it("keeps the job when the dialog is cancelled", async () => {
    const { user, row } = await setup();
    await user.click(row.getByRole("button", { name: "Delete job-00002" }));
    const dialog = screen.getByRole("alertdialog");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "job-00002" })).toBeInTheDocument();
    expect(row.getByRole("button", { name: "Delete job-00002" })).toHaveFocus();
    expect(fakeApiRequests().filter((r) => r.startsWith("DELETE"))).toHaveLength(0);
  });

  it("removes the job once when confirmed, even with a double click", async () => {
    const { user, row } = await setup();
    await user.click(row.getByRole("button", { name: "Delete job-00002" }));
    await user.dblClick(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }),
    );

    expect(screen.queryByRole("link", { name: "job-00002" })).not.toBeInTheDocument();
    // The table's body (the List element) takes focus, not <body>.
    expect(
      within(screen.getByRole("table", { name: "Jobs" })).getAllByRole("rowgroup")[1],
    ).toHaveFocus();
    await waitFor(() => expect(fakeApiJobs().map((j) => j.id)).toEqual([1, 3]));
    expect(fakeApiRequests().filter((r) => r.startsWith("DELETE"))).toEqual([
      "DELETE /api/jobs/2/",
    ]);
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("2"),
    );
  });

  it("puts the row back and says what failed when the delete fails", async () => {
    server.use(http.delete("/api/jobs/:job_id/", () => HttpResponse.error()));
    const { user, row } = await setup();
    await user.click(row.getByRole("button", { name: "Delete job-00002" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }),
    );

    expect(await screen.findByRole("alert")).toHaveTextContent('Could not delete "job-00002"');
    expect(await screen.findByRole("link", { name: "job-00002" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^All/ })).toHaveTextContent("3");
  });
});

describe("delete and the head query", () => {
  it("does not offer a deleted top row as a new job", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: "Delete job-00003" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }),
    );
    expect(screen.queryByRole("link", { name: "job-00003" })).not.toBeInTheDocument();
    await waitFor(() => expect(fakeApiJobs().map((j) => j.id)).toEqual([1, 2]));
    expect(screen.queryByRole("button", { name: /new job/ })).not.toBeInTheDocument();
  });
});
