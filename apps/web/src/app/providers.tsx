import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";

import { createAppRouter } from "@/app/router";
import { createQueryClient } from "@/lib/query-client";

/** The app's providers: one QueryClient and the router, created once per mount. */
export function Providers() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter());
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
