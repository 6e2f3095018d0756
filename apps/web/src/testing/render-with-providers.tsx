import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RouterProvider } from "react-router";

import { createTestRouter } from "@/app/router";

/** A QueryClient for one test: no retries, nothing shared between tests. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/**
 * Renders the whole app (routes included) at `path` with a fresh QueryClient and an in-memory
 * router. Returns Testing Library's result plus `user`, `router` and `queryClient`.
 */
export function renderWithProviders(path = "/") {
  const queryClient = createTestQueryClient();
  const router = createTestRouter(path);
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, user, router, queryClient };
}
