import { isRouteErrorResponse, Link, useRouteError } from "react-router";

import styles from "@/app/routes/app-layout.module.css";
import { ErrorState } from "@/components/ui/error-state";
import { errorMessage } from "@/lib/api-client";

/** The route-level error element: something failed while rendering a page. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : errorMessage(error);
  return (
    <main className={styles.main}>
      <h1>Something went wrong</h1>
      <ErrorState message={message} onRetry={() => window.location.reload()} />
      <Link to="/">Back to all jobs</Link>
    </main>
  );
}
