import { Link, Outlet, ScrollRestoration } from "react-router";

import styles from "@/app/routes/app-layout.module.css";
import { NoticeRegion } from "@/components/ui/notice-region";

/** Page chrome: header, the routed page (the window scrolls it), and notices. */
export function AppLayout() {
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link to="/" className={styles.brand}>
          Job dashboard
        </Link>
      </header>
      <main className={styles.main}>
        <Outlet />
      </main>
      <NoticeRegion />
      {/* Positions per history entry, held by the router (no module state): a new view (a
          filter, a page) starts at the top, Back/Forward and "← All jobs" restore. */}
      <ScrollRestoration />
    </div>
  );
}
