import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { renderWithProviders } from "@/testing/render-with-providers";

const listRequests = () => fakeApiRequests().filter((r) => r.startsWith("GET /api/jobs/?"));

describe("filters in the URL", () => {
  it("reads status, search and ordering from a pasted link", async () => {
    seedFakeApi(makeJobs(20));
    renderWithProviders("/?status=FAILED,RUNNING&search=0001&ordering=name");

    const list = await screen.findByRole("table", { name: "Jobs" });
    await within(list).findByRole("link", { name: "job-00012" });
    expect(
      within(list)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["job-00012", "job-00014", "job-00017", "job-00019"]);
    expect(screen.getByRole("button", { name: /^Running/ })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByRole("button", { name: /^Failed/ })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: /^Pending/ })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    expect(screen.getByRole("searchbox", { name: "Search jobs" })).toHaveValue("0001");
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("name");
    expect(listRequests()[0]).toContain("status=RUNNING&status=FAILED");
    expect(listRequests()[0]).toContain("search=0001");
    expect(listRequests()[0]).toContain("ordering=name");
  });

  it("writes chips, sort and a debounced search to the URL, and back restores the view", async () => {
    seedFakeApi(makeJobs(20));
    const { user, router } = renderWithProviders("/");
    await screen.findByRole("link", { name: "job-00020" });

    await user.click(screen.getByRole("button", { name: /^Completed/ }));
    expect(router.state.location.search).toBe("?status=COMPLETED");
    await user.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "Oldest");
    expect(router.state.location.search).toBe("?status=COMPLETED&ordering=created_at");
    await user.type(screen.getByRole("searchbox", { name: "Search jobs" }), "0000");
    await waitFor(() =>
      expect(router.state.location.search).toBe(
        "?status=COMPLETED&search=0000&ordering=created_at",
      ),
    );
    // The list is remounted after the skeleton of each new filter: always query it afresh.
    const links = () =>
      within(screen.getByRole("table", { name: "Jobs" }))
        .getAllByRole("link")
        .map((a) => a.textContent);
    await waitFor(() => expect(links()).toEqual(["job-00003", "job-00008"]));

    await act(() => router.navigate(-1));
    expect(router.state.location.search).toBe("?status=COMPLETED");
    await waitFor(() =>
      expect(screen.getByRole("searchbox", { name: "Search jobs" })).toHaveValue(""),
    );
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("-created_at");
    await waitFor(() => expect(links()).toContain("job-00018"));
  });

  it("tells an empty database from filters that match nothing, and clears filters", async () => {
    seedFakeApi(makeJobs(3));
    const { user, router } = renderWithProviders("/?search=nothing-matches");
    expect(await screen.findByText("No jobs match these filters")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(router.state.location.search).toBe("");
    expect(await screen.findByRole("link", { name: "job-00003" })).toBeInTheDocument();
  });

  it("says there are no jobs yet when the database is empty", async () => {
    renderWithProviders("/");
    expect(await screen.findByText("No jobs yet")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Clear filters" })).not.toBeInTheDocument();
  });
});

describe("column headers", () => {
  it("sort by Name and Created through the URL ordering, with aria-sort and the select in step", async () => {
    seedFakeApi(makeJobs(5));
    const { user, router } = renderWithProviders("/");
    // A new ordering loads a new list (skeleton first): find the table again each time.
    const header = async (name: string) =>
      within(await screen.findByRole("table", { name: "Jobs" })).findByRole("columnheader", {
        name,
      });
    expect(
      within(await screen.findByRole("table", { name: "Jobs" }))
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["", "Name▼", "Status", "Created▼", "In state for", "Actions"]);
    expect(await header("Select all loaded jobs")).toContainElement(
      screen.getByRole("checkbox", { name: "Select all loaded jobs" }),
    );
    expect(await header("Created")).toHaveAttribute("aria-sort", "descending");
    expect(await header("Name")).not.toHaveAttribute("aria-sort");

    await user.click(within(await header("Name")).getByRole("button", { name: "Name" }));
    expect(router.state.location.search).toBe("?ordering=name");
    expect(await header("Name")).toHaveAttribute("aria-sort", "ascending");
    expect(await header("Created")).not.toHaveAttribute("aria-sort");
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("name");

    await user.click(within(await header("Name")).getByRole("button", { name: "Name" }));
    expect(router.state.location.search).toBe("?ordering=-name");
    expect(await header("Name")).toHaveAttribute("aria-sort", "descending");

    await user.click(within(await header("Created")).getByRole("button", { name: "Created" }));
    expect(router.state.location.search).toBe("");
    expect(await header("Created")).toHaveAttribute("aria-sort", "descending");
  });

  it("announce the row count: the header row plus every matching job", async () => {
    seedFakeApi(makeJobs(7));
    renderWithProviders("/");
    const table = await screen.findByRole("table", { name: "Jobs" });
    await waitFor(() => expect(table).toHaveAttribute("aria-rowcount", "8"));
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveAttribute("aria-rowindex", "2");
  });
});
