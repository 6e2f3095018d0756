import { Link, Outlet } from "react-router";

import styles from "@/app/routes/app-layout.module.css";
import { NoticeRegion } from "@/components/ui/notice-region";
import { ScrollMemoryProvider } from "@/lib/scroll-memory";

/** Page chrome: header, the routed page filling the rest of the viewport, and notices. */
export function AppLayout() {
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link to="/" className={styles.brand}>
          Job dashboard
        </Link>
      </header>
      <main className={styles.main}>
        <ScrollMemoryProvider>
          <Outlet />
        </ScrollMemoryProvider>
      </main>
      <NoticeRegion />
    </div>
  );
}
