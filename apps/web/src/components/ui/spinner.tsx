import styles from "@/components/ui/spinner.module.css";

/** A small spinning indicator with a text label for assistive technology. */
export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <span className={styles.wrapper} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
