import { SelectCheckbox } from "@/features/jobs/bulk/select-checkbox";
import styles from "@/features/jobs/components/job-list-header.module.css";
import rowStyles from "@/features/jobs/components/job-row.module.css";
import type { JobOrdering } from "@/features/jobs/types";

/** Props of {@link JobListHeader}. */
export interface JobListHeaderProps {
  ordering: JobOrdering;
  /** Called with the ordering a header's sort button asks for (the URL's `ordering`). */
  onOrdering: (ordering: JobOrdering) => void;
  /** The "select all loaded" box: every loaded row selected, some or none. */
  loadedSelection: "all" | "some" | "none";
  onSelectLoaded: (checked: boolean) => void;
}

/** A sortable column: its ascending and descending orderings, and which one a first click picks. */
interface SortableColumn {
  label: string;
  ascending: JobOrdering;
  descending: JobOrdering;
  first: "ascending" | "descending";
}

const NAME: SortableColumn = {
  label: "Name",
  ascending: "name",
  descending: "-name",
  first: "ascending",
};
const CREATED: SortableColumn = {
  label: "Created",
  ascending: "created_at",
  descending: "-created_at",
  first: "descending",
};

function SortHeader({
  column,
  ordering,
  onOrdering,
}: Pick<JobListHeaderProps, "ordering" | "onOrdering"> & { column: SortableColumn }) {
  const sort =
    ordering === column.ascending
      ? "ascending"
      : ordering === column.descending
        ? "descending"
        : undefined;
  const next = sort ? (sort === "ascending" ? "descending" : "ascending") : column.first;
  return (
    <div role="columnheader" aria-sort={sort} className={styles.cell}>
      <button type="button" className={styles.sort} onClick={() => onOrdering(column[next])}>
        {column.label}
        <span className={sort ? styles.arrowActive : styles.arrow} aria-hidden="true">
          {sort === "ascending" ? "▲" : "▼"}
        </span>
      </button>
    </div>
  );
}

/**
 * The jobs table's header row (a "select all loaded" box, Name, Status, Created, In state for,
 * Actions). Name and Created
 * are sort buttons driving the same `ordering` as the "Sort by" select, with `aria-sort` on the
 * sorted column; it sticks under the toolbar while the page scrolls.
 */
export function JobListHeader({ loadedSelection, onSelectLoaded, ...props }: JobListHeaderProps) {
  return (
    <div role="rowgroup" className={styles.header}>
      <div role="row" aria-rowindex={1} className={rowStyles.columns}>
        <div role="columnheader" className={styles.select}>
          <SelectCheckbox
            label="Select all loaded jobs"
            checked={loadedSelection === "all"}
            indeterminate={loadedSelection === "some"}
            onChange={(checked) => onSelectLoaded(checked)}
          />
        </div>
        <SortHeader column={NAME} {...props} />
        <div role="columnheader" className={styles.cell}>
          Status
        </div>
        <SortHeader column={CREATED} {...props} />
        <div role="columnheader" className={styles.cell}>
          In state for
        </div>
        <div role="columnheader" className={styles.actions}>
          Actions
        </div>
      </div>
    </div>
  );
}
