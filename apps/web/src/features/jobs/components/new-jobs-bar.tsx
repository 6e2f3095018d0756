import { Button } from "@/components/ui/button";
import styles from "@/features/jobs/components/new-jobs-bar.module.css";

/** Props of {@link NewJobsBar}. */
export interface NewJobsBarProps {
  count: number;
  onShow: () => void;
}

/** "3 new jobs" bar shown when the head query found jobs above the loaded ones. */
export function NewJobsBar({ count, onShow }: NewJobsBarProps) {
  return (
    <div role="status" className={count > 0 ? styles.bar : "visually-hidden"}>
      {count > 0 ? (
        <Button size="sm" variant="primary" onClick={onShow}>
          Show {count} new {count === 1 ? "job" : "jobs"}
        </Button>
      ) : null}
    </div>
  );
}
