import { Link, Outlet, ScrollRestoration } from "react-router";

import styles from "@/app/routes/app-layout.module.css";
import { NoticeRegion } from "@/components/ui/notice-region";
import { LiveIndicator } from "@/features/jobs/live/live-indicator";
import { LiveUpdatesProvider } from "@/features/jobs/live/live-updates-provider";

/**
 * Page chrome: header (with the live-updates status), the routed page (the window scrolls it),
 * and notices. The app's one live-updates subscription lives here, around every page.
 */
export function AppLayout() {
  return (
    <LiveUpdatesProvider>
      <div className={styles.shell}>
        <header className={styles.header}>
          <Link to="/" className={styles.brand}>
            Job dashboard
          </Link>
          <LiveIndicator />
        </header>
        <main className={styles.main}>
          <Outlet />
        </main>
        <NoticeRegion />
        {/* Positions per history entry, held by the router (no module state): a new view (a
          filter, a page) starts at the top, Back/Forward and "← All jobs" restore. */}
        <ScrollRestoration />
      </div>
    </LiveUpdatesProvider>
  );
}
