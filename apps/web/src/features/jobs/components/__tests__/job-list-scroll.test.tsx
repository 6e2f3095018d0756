import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { JOB_ROW_HEIGHT_PX } from "@/config/constants";
import { seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { renderWithProviders } from "@/testing/render-with-providers";

/** Renders the list and scrolls the window (which the list scrolls with) to row `rowIndex`. */
async function scrolledList(rowIndex: number) {
  const view = renderWithProviders("/");
  await screen.findByRole("table", { name: "Jobs" });
  vi.spyOn(window, "scrollY", "get").mockReturnValue(rowIndex * JOB_ROW_HEIGHT_PX);
  fireEvent.scroll(window);
  return view;
}

describe("list scroll position", () => {
  it("is restored when coming back from a job page with its back link", async () => {
    const scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => {});
    seedFakeApi(makeJobs(40));
    const { user, router } = await scrolledList(20);
    await user.click(await screen.findByRole("link", { name: "job-00035" }));
    await user.click(await screen.findByRole("link", { name: "← All jobs" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(router.state.historyAction).toBe("POP");
    await waitFor(() => expect(scrollTo).toHaveBeenCalledWith(0, 20 * JOB_ROW_HEIGHT_PX));
  });

  it("starts a new view (another filter) at the top", async () => {
    seedFakeApi(makeJobs(40));
    const { user } = await scrolledList(20);
    const scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => {});
    scrollTo.mockClear();
    await user.click(screen.getByRole("button", { name: /^Failed/ }));
    await waitFor(() => expect(scrollTo).toHaveBeenCalledWith(0, 0));
    expect(scrollTo).not.toHaveBeenCalledWith(0, 20 * JOB_ROW_HEIGHT_PX);
  });
});
