import styles from "@/components/ui/skeleton-rows.module.css";

/** Grey placeholder rows shown while the first page loads; announced as "Loading…". */
export function SkeletonRows({ count = 8, label = "Loading" }: { count?: number; label?: string }) {
  return (
    <div className={styles.skeleton} role="status" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className={styles.row} aria-hidden="true">
          <span className={styles.bar} />
          <span className={styles.pill} />
          <span className={styles.barShort} />
        </div>
      ))}
    </div>
  );
}
