import { Select } from "@/components/ui/select";
import { STATUS_LABELS, STATUSES, isStatus } from "@/features/jobs/status";
import type { Job, StatusType } from "@/features/jobs/types";

const OPTIONS = STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }));
const WITH_NONE = [{ value: "", label: "No status", disabled: true }, ...OPTIONS];

/** Props of {@link JobStatusSelect}. */
export interface JobStatusSelectProps {
  job: Job;
  onChange: (job: Job, status: StatusType) => void;
  className?: string;
}

/** The "Status of <name>" select; picking a status calls `onChange` at once. */
export function JobStatusSelect({ job, onChange, className }: JobStatusSelectProps) {
  return (
    <Select
      className={className}
      label={`Status of ${job.name}`}
      hideLabel
      options={job.current_status === null ? WITH_NONE : OPTIONS}
      value={job.current_status ?? ""}
      onChange={(event) => {
        const value = event.target.value;
        if (isStatus(value) && value !== job.current_status) onChange(job, value);
      }}
    />
  );
}
