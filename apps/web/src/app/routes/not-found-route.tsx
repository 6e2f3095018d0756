import { Link } from "react-router";

import { EmptyState } from "@/components/ui/empty-state";

/** Shown for unknown URLs and for jobs the API does not know. */
export function NotFoundRoute({ what = "page" }: { what?: string }) {
  return (
    <>
      <title>Not found · Job dashboard</title>
      <h1>Not found</h1>
      <EmptyState
        title={`This ${what} does not exist.`}
        description="It may have been deleted, or the link is wrong."
        action={<Link to="/">Back to all jobs</Link>}
      />
    </>
  );
}
