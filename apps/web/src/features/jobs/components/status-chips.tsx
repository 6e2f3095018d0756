import styles from "@/features/jobs/components/status-chips.module.css";
import { STATUS_LABELS, STATUSES } from "@/features/jobs/status";
import type { JobStats, StatusType } from "@/features/jobs/types";

/** Props of {@link StatusChips}. */
export interface StatusChipsProps {
  selected: readonly StatusType[];
  stats: JobStats | undefined;
  onToggle: (status: StatusType) => void;
  onClear: () => void;
}

const numberFormat = new Intl.NumberFormat();

function Count({ value }: { value: number | undefined }) {
  return (
    <span className={styles.count}>{value === undefined ? "…" : numberFormat.format(value)}</span>
  );
}

/** Toggle buttons ("Running 12") filtering the list by status, with exact counts. */
export function StatusChips({ selected, stats, onToggle, onClear }: StatusChipsProps) {
  return (
    <div className={styles.chips} role="group" aria-label="Filter by status">
      <button
        type="button"
        className={styles.chip}
        aria-pressed={selected.length === 0}
        onClick={onClear}
      >
        All <Count value={stats?.total} />
      </button>
      {STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          className={styles.chip}
          aria-pressed={selected.includes(status)}
          onClick={() => onToggle(status)}
        >
          {STATUS_LABELS[status]} <Count value={stats?.by_status[status]} />
        </button>
      ))}
    </div>
  );
}
