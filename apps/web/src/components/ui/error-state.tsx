import { Button } from "@/components/ui/button";
import styles from "@/components/ui/error-state.module.css";

/** Props of {@link ErrorState}. */
export interface ErrorStateProps {
  message: string;
  /** Shown as a "Retry" button when given. */
  onRetry?: () => void;
  retrying?: boolean;
}

/** An error banner (`role="alert"`) with an optional Retry button. */
export function ErrorState({ message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div className={styles.banner} role="alert">
      <span className={styles.icon} aria-hidden="true">
        !
      </span>
      <p className={styles.message}>{message}</p>
      {onRetry ? (
        <Button size="sm" onClick={onRetry} disabled={retrying}>
          {retrying ? "Retrying…" : "Retry"}
        </Button>
      ) : null}
    </div>
  );
}
