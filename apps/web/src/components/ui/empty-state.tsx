import type { ReactNode } from "react";

import styles from "@/components/ui/empty-state.module.css";

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  title: string;
  description?: string;
  /** An optional action, e.g. a "Clear filters" button. */
  action?: ReactNode;
}

/** A centred message for a list with nothing to show. */
export function EmptyState({ title, description, action }: EmptyStateProps) {
  return (
    <div className={styles.empty}>
      <p className={styles.title}>{title}</p>
      {description ? <p className={styles.description}>{description}</p> : null}
      {action}
    </div>
  );
}
