import { createBrowserRouter, createMemoryRouter, type RouteObject } from "react-router";

import { AppLayout } from "@/app/routes/app-layout";
import { JobsListRoute } from "@/app/routes/jobs-list-route";
import { NotFoundRoute } from "@/app/routes/not-found-route";
import { RouteError } from "@/app/routes/route-error";

/** The route tree: the list at `/`, a lazily loaded job page at `/jobs/:id`, and a 404. */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <JobsListRoute /> },
      {
        path: "jobs/:id",
        // Code-split: the job page is not part of the initial bundle.
        lazy: async () => {
          const { JobDetailRoute } = await import("@/app/routes/job-detail-route");
          return { Component: JobDetailRoute };
        },
      },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
];

/** The browser router of the running app. */
export function createAppRouter() {
  return createBrowserRouter(routes);
}

/** An in-memory router for tests, starting at `initialPath`. */
export function createTestRouter(initialPath: string) {
  return createMemoryRouter(routes, { initialEntries: [initialPath] });
}
