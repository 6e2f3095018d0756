import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { useChangeJobStatus } from "@/features/jobs/api/change-job-status";
import { useDeleteJob } from "@/features/jobs/api/delete-job";
import { DeleteJobDialog } from "@/features/jobs/components/delete-job-dialog";
import styles from "@/features/jobs/components/job-detail.module.css";
import { JobHistory } from "@/features/jobs/components/job-history";
import { JobStatusControl } from "@/features/jobs/components/job-status-control";
import type { Job } from "@/features/jobs/types";
import { useNow } from "@/lib/use-now";

/** Props of {@link JobDetail}. */
export interface JobDetailProps {
  job: Job;
  /** Where "back" and a finished delete go (the list with its filters). */
  listPath: string;
  /**
   * Set when the list is the previous history entry: "← All jobs" goes back to it (a POP, so
   * the router restores where the list was scrolled) instead of opening it anew at the top.
   */
  onBackToList?: () => void;
  onDeleted: () => void;
}

/** One job: name, status, times, status change, delete and the history timeline. */
export function JobDetail({ job, listPath, onDeleted, onBackToList }: JobDetailProps) {
  const nowMs = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), [job.id]);
  const changeStatus = useChangeJobStatus();
  const deletion = useDeleteJob();
  // The job as the user saw it when the dialog opened: its version is what Delete confirms.
  const [confirming, setConfirming] = useState<Job | null>(null);

  return (
    <article className={styles.page}>
      <Link
        to={listPath}
        className={styles.back}
        onClick={(event) => {
          if (!onBackToList) return;
          event.preventDefault();
          onBackToList();
        }}
      >
        ← All jobs
      </Link>
      <header className={styles.header}>
        <title>{`${job.name} · Job dashboard`}</title>
        {/* Focus lands on the heading when the page opens, so a screen reader starts here. */}
        <h1 className={styles.title} ref={headingRef} tabIndex={-1}>
          {job.name}
        </h1>
        <JobStatusControl
          job={job}
          onChange={(j, status) => changeStatus.mutate({ job: j, status })}
        />
      </header>
      <dl className={styles.facts}>
        <dt>Created</dt>
        <dd>
          <RelativeTime iso={job.created_at} nowMs={nowMs} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <RelativeTime iso={job.updated_at} nowMs={nowMs} />
        </dd>
        <dt>Job ID</dt>
        <dd>{job.id}</dd>
      </dl>
      <div className={styles.actions}>
        <Button
          variant="danger"
          aria-label={`Delete ${job.name}`}
          onClick={() => setConfirming(job)}
        >
          Delete
        </Button>
      </div>
      <JobHistory jobId={job.id} nowMs={nowMs} />
      {confirming ? (
        <DeleteJobDialog
          job={confirming}
          busy={deletion.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            deletion.deleteOnce(confirming, {
              onSuccess: onDeleted,
              onError: () => setConfirming(null),
            })
          }
        />
      ) : null}
    </article>
  );
}
