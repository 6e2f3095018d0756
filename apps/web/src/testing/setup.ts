import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";

import { clearNotices } from "@/lib/notices";
import { resetFakeApi } from "@/testing/fake-api";
import { resetFakeBulkApi } from "@/testing/fake-bulk-api";
import { server } from "@/testing/msw-server";

// The CI machine is small and shared: give findBy*/waitFor room.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
// jsdom lays nothing out: give the window (which the jobs list scrolls with) a height, and make
// window.scrollTo a no-op instead of jsdom's "not implemented" error.
beforeEach(() => {
  vi.spyOn(document.documentElement, "clientHeight", "get").mockReturnValue(600);
  vi.spyOn(window, "scrollTo").mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetFakeApi();
  resetFakeBulkApi();
  clearNotices();
});
afterAll(() => server.close());
