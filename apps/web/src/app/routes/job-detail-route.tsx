import { useLocation, useNavigate, useParams } from "react-router";

import { NotFoundRoute } from "@/app/routes/not-found-route";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton-rows";
import { useJob } from "@/features/jobs/api/get-job";
import { JobDetail } from "@/features/jobs/components/job-detail";
import { ApiError, errorMessage } from "@/lib/api-client";

/** The list's query string handed over by the row link (null when not opened from the list). */
function listSearchFrom(state: unknown): string | null {
  if (typeof state === "object" && state !== null && "listSearch" in state) {
    return typeof state.listSearch === "string" ? state.listSearch : null;
  }
  return null;
}

/** `/jobs/:id`: one job with its history; a not-found page for unknown ids. */
export function JobDetailRoute() {
  const { id: rawId = "" } = useParams();
  const id = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? (
    <JobDetailLoader id={id} />
  ) : (
    <NotFoundRoute what="job" />
  );
}

function JobDetailLoader({ id }: { id: number }) {
  const job = useJob(id);
  const location = useLocation();
  const navigate = useNavigate();
  const listSearch = listSearchFrom(location.state);
  const listPath = `/${listSearch ?? ""}`;

  if (job.isPending) return <SkeletonRows count={4} label="Loading job" />;
  if (job.error instanceof ApiError && job.error.status === 404)
    return <NotFoundRoute what="job" />;
  if (job.isError) {
    return (
      <ErrorState
        message={`Could not load the job: ${errorMessage(job.error)}`}
        onRetry={() => void job.refetch()}
        retrying={job.isFetching}
      />
    );
  }
  return (
    <JobDetail
      job={job.data}
      listPath={listPath}
      onBackToList={listSearch === null ? undefined : () => void navigate(-1)}
      onDeleted={() => void navigate(listPath, { replace: true })}
    />
  );
}
