import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";

import { clearNotices } from "@/lib/notices";
import { resetFakeApi } from "@/testing/fake-api";
import { server } from "@/testing/msw-server";

// The CI machine is small and shared: give findBy*/waitFor room.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetFakeApi();
  clearNotices();
});
afterAll(() => server.close());
