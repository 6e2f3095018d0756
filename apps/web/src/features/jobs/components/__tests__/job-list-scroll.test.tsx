import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { JOB_ROW_HEIGHT_PX } from "@/config/constants";
import { seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { renderWithProviders } from "@/testing/render-with-providers";

async function scrolledList(rowIndex: number) {
  const view = renderWithProviders("/");
  const list = await screen.findByRole("list", { name: "Jobs" });
  list.scrollTop = rowIndex * JOB_ROW_HEIGHT_PX;
  fireEvent.scroll(list);
  return { ...view, list };
}

describe("list scroll position", () => {
  it("is restored when coming back from a job page", async () => {
    seedFakeApi(makeJobs(40));
    const { user } = await scrolledList(20);
    await user.click(await screen.findByRole("link", { name: "job-00018" }));
    await user.click(await screen.findByRole("link", { name: "← All jobs" }));

    const list = await screen.findByRole("list", { name: "Jobs" });
    await waitFor(() => expect(list.scrollTop).toBe(20 * JOB_ROW_HEIGHT_PX));
  });

  it("belongs to one app instance: a new one starts at the top", async () => {
    seedFakeApi(makeJobs(40));
    await scrolledList(20);
    cleanup();

    renderWithProviders("/");
    const list = await screen.findByRole("list", { name: "Jobs" });
    expect(list.scrollTop).toBe(0);
  });
});
