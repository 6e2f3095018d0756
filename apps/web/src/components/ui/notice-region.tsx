import { Button } from "@/components/ui/button";
import styles from "@/components/ui/notice-region.module.css";
import { dismissNotice, useNotices } from "@/lib/notices";

/** Shows the app's transient messages (failed writes, …) at the bottom of the screen. */
export function NoticeRegion() {
  const notices = useNotices();
  return (
    <div className={styles.region} aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={notice.tone === "error" ? styles.error : styles.info}
          role={notice.tone === "error" ? "alert" : "status"}
        >
          <p className={styles.message}>{notice.message}</p>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Dismiss message"
            onClick={() => dismissNotice(notice.id)}
          >
            ×
          </Button>
        </div>
      ))}
    </div>
  );
}
