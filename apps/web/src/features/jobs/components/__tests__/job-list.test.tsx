import { fireEvent, render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";

import { JOB_ROW_HEIGHT_PX } from "@/config/constants";
import { EMPTY_SELECTION } from "@/features/jobs/bulk/selection";
import { JobList, type JobListProps } from "@/features/jobs/components/job-list";
import { makeJobs } from "@/testing/job-factory";
import { seedFakeApi } from "@/testing/fake-api";
import { renderWithProviders } from "@/testing/render-with-providers";

function renderList(props: Partial<JobListProps> = {}) {
  const all: JobListProps = {
    jobs: makeJobs(10_000),
    hasNextPage: false,
    isFetchingNextPage: false,
    loadMoreFailed: false,
    onLoadMore: vi.fn(),
    onChangeStatus: vi.fn(),
    onRequestDelete: vi.fn(),
    listSearch: "",
    ordering: "-created_at",
    onOrdering: vi.fn(),
    selection: {
      selection: EMPTY_SELECTION,
      loadedState: "none",
      toggle: vi.fn(),
      setLoaded: vi.fn(),
    },
    ...props,
  };
  const router = createMemoryRouter([{ path: "/", element: <JobList {...all} /> }]);
  render(<RouterProvider router={router} />);
  return { props: all, list: screen.getByRole("table", { name: "Jobs" }) };
}

/** Scrolls the window so that row `rowIndex` is at the top (jsdom lays nothing out: fake it). */
function scrollTo(table: HTMLElement, rowIndex: number) {
  const rows = within(table).getAllByRole("rowgroup")[1];
  if (!rows) throw new Error("no body rowgroup");
  const y = rowIndex * JOB_ROW_HEIGHT_PX;
  vi.spyOn(rows, "getBoundingClientRect").mockReturnValue(new DOMRect(0, -y, 1000, 1_000_000));
  vi.spyOn(window, "scrollY", "get").mockReturnValue(y);
  fireEvent.scroll(window);
}

describe("JobList", () => {
  it("renders a bounded number of rows for 10,000 items, also after scrolling", () => {
    const { list } = renderList({ listSearch: "?ten-thousand" });
    expect(within(list).getAllByRole("row").length).toBeLessThan(100);
    expect(within(list).getByRole("link", { name: "job-00001" })).toHaveAttribute(
      "href",
      "/jobs/1",
    );

    scrollTo(list, 2_000);
    const rows = within(list).getAllByRole("row");
    expect(rows.length).toBeLessThan(100);
    expect(within(list).getByRole("link", { name: "job-02001" })).toBeInTheDocument();
    expect(within(list).queryByRole("link", { name: "job-00001" })).not.toBeInTheDocument();
  });

  it("asks for the next page near the end, and not while one is in flight", () => {
    const onLoadMore = vi.fn();
    const { list } = renderList({
      jobs: makeJobs(100),
      hasNextPage: true,
      onLoadMore,
      listSearch: "?near-end",
    });
    expect(onLoadMore).not.toHaveBeenCalled();
    scrollTo(list, 95);
    expect(onLoadMore).toHaveBeenCalled();
    expect(within(list).getByText("Loading more jobs…")).toBeInTheDocument();
  });

  it("does not ask for a page while one is in flight", () => {
    const onLoadMore = vi.fn();
    const { list } = renderList({
      jobs: makeJobs(100),
      hasNextPage: true,
      isFetchingNextPage: true,
      onLoadMore,
      listSearch: "?in-flight",
    });
    scrollTo(list, 95);
    expect(onLoadMore).not.toHaveBeenCalled();
  });

  it("shows a retry row instead of blank rows when the next page failed", () => {
    const onLoadMore = vi.fn();
    const { list } = renderList({
      jobs: makeJobs(5),
      hasNextPage: true,
      loadMoreFailed: true,
      onLoadMore,
      listSearch: "?failed",
    });
    expect(within(list).getByRole("alert")).toHaveTextContent("Could not load more jobs.");
    expect(onLoadMore).not.toHaveBeenCalled();
    fireEvent.click(within(list).getByRole("button", { name: "Retry" }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
  });

  it("shows each job's name, status badge as a status menu, and delete button", async () => {
    seedFakeApi(makeJobs(3));
    const { user } = renderWithProviders("/");
    const link = await screen.findByRole("link", { name: "job-00002" });
    const scope = within(link.closest<HTMLElement>("[role=row]") ?? document.body);
    const trigger = await scope.findByRole("button", { name: "Status of job-00002: Running" });
    expect(trigger).toHaveAttribute("aria-haspopup", "menu");
    expect(within(trigger).getByText("Running", { selector: "span" })).toBeInTheDocument();
    expect(scope.queryByRole("combobox")).not.toBeInTheDocument();
    await user.click(trigger);
    const menu = screen.getByRole("menu", { name: "Status of job-00002: Running" });
    expect(
      within(menu)
        .getAllByRole("menuitemradio")
        .map((item) => [item.textContent, item.getAttribute("aria-checked")]),
    ).toEqual([
      ["Pending", "false"],
      ["✓Running", "true"],
      ["Completed", "false"],
      ["Failed", "false"],
      ["Cancelled", "false"],
    ]);
    expect(scope.getByRole("button", { name: "Delete job-00002" })).toBeInTheDocument();
  });
});
