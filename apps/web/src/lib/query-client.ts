import { QueryClient } from "@tanstack/react-query";

import { ApiError } from "@/lib/api-client";

/**
 * Builds the app's QueryClient. Client errors (4xx) are not retried: asking again gives the same
 * answer. Server and network errors are retried twice.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
