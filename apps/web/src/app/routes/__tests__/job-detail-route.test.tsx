import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { fakeApiJobs, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { renderWithProviders } from "@/testing/render-with-providers";

describe("job page", () => {
  it("shows the job and a history that grows with each status change", async () => {
    seedFakeApi(makeJobs(3));
    const { user } = renderWithProviders("/jobs/2");
    expect(await screen.findByRole("heading", { level: 1, name: "job-00002" })).toBeInTheDocument();
    const history = await screen.findByRole("list", { name: "Status history" });
    expect(within(history).getAllByRole("listitem")).toHaveLength(1);

    await user.click(await screen.findByRole("button", { name: "Status of job-00002: Running" }));
    await user.click(screen.getByRole("menuitemradio", { name: "Completed" }));
    await waitFor(() => expect(within(history).getAllByRole("listitem")).toHaveLength(2));
    const [newest, oldest] = within(history).getAllByRole("listitem");
    expect(newest).toHaveTextContent("Completed");
    expect(newest).toHaveTextContent("current, for");
    expect(oldest).toHaveTextContent("Running");
    expect(oldest).toHaveTextContent("lasted");
  });

  it("shows a not-found page for an unknown id", async () => {
    seedFakeApi(makeJobs(1));
    renderWithProviders("/jobs/999");
    expect(await screen.findByRole("heading", { name: "Not found" })).toBeInTheDocument();
    expect(screen.getByText("This job does not exist.")).toBeInTheDocument();
  });

  it("deletes after confirmation and goes back to the list with its filters", async () => {
    seedFakeApi(makeJobs(3));
    const { user, router } = renderWithProviders("/?status=RUNNING");
    await user.click(await screen.findByRole("link", { name: "job-00002" }));
    expect(await screen.findByRole("heading", { level: 1, name: "job-00002" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Delete job-00002" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(router.state.location.search).toBe("?status=RUNNING");
    expect(fakeApiJobs().map((job) => job.id)).toEqual([1, 3]);
    expect(await screen.findByText("No jobs match these filters")).toBeInTheDocument();
  });
});
