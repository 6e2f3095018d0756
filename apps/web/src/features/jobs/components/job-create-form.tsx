import { useRef, useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { JOB_NAME_MAX_LENGTH } from "@/config/constants";
import { jobMatchesFilters } from "@/features/jobs/api/cache";
import { useCreateJob } from "@/features/jobs/api/create-job";
import styles from "@/features/jobs/components/job-create-form.module.css";
import { useSubmitKey } from "@/features/jobs/hooks/use-submit-key";
import { jobNameLength, trimJobName, validateJobName } from "@/features/jobs/job-name";
import type { JobFilters } from "@/features/jobs/types";
import { ApiError, errorMessage } from "@/lib/api-client";
import { pushNotice } from "@/lib/notices";

/**
 * The create-job form: the name is trimmed and checked by the API's own rule (code points,
 * `features/jobs/job-name.ts`) before any request, the button is
 * disabled while sending, server field errors show at the field, and focus returns to the input.
 * Each submit carries an `Idempotency-Key`, kept for a retry of the same name, so a double submit
 * or a retry after a timeout creates one job.
 */
export function JobCreateForm({ filters }: { filters: JobFilters }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const create = useCreateJob();
  const submitKey = useSubmitKey();

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = validateJobName(name);
    setError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    const trimmed = trimJobName(name);
    // The same name sent again before a success (a retry) reuses the key: one job at most.
    create.mutate(
      { name: trimmed, idempotencyKey: submitKey.keyFor(trimmed) },
      {
        onSuccess: (job) => {
          submitKey.done();
          setName("");
          if (!jobMatchesFilters(job, filters)) {
            pushNotice(`Created "${job.name}"; the current filters hide it.`, "info");
          }
        },
        onError: (failure) => {
          const fieldMessages = failure instanceof ApiError ? failure.fieldErrors("name") : [];
          setError(
            fieldMessages.length > 0
              ? fieldMessages.join(" ")
              : `Could not create the job: ${errorMessage(failure)}`,
          );
        },
        onSettled: () => inputRef.current?.focus(),
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Create a job">
      <TextField
        ref={inputRef}
        className={styles.field}
        label="Job name"
        // Compact, one line beside the title: the placeholder says what the field is for.
        hideLabel
        name="name"
        placeholder="New job name, e.g. fluid-dynamics-run-42"
        autoComplete="off"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          if (error) setError(null);
        }}
        error={error}
        counterMax={JOB_NAME_MAX_LENGTH}
        counterUsed={jobNameLength(name)}
      />
      <Button
        type="submit"
        variant="primary"
        disabled={create.isPending}
        aria-busy={create.isPending}
        className={styles.submit}
      >
        Create job
      </Button>
    </form>
  );
}
