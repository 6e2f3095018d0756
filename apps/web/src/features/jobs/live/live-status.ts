/**
 * The live-updates status shared with the components that adapt to it (head polling, counts,
 * the indicator). Without a {@link LiveUpdatesProvider} above, it is "polling": the app then
 * behaves as before server push, refreshing by polling alone.
 */
import { createContext, useContext } from "react";

import type { LiveStatus } from "@/features/jobs/live/job-event-stream";

/** Context of the current {@link LiveStatus}. */
export const LiveStatusContext = createContext<LiveStatus>("polling");

/** The live-updates status of the app's one stream. */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}

/** Whether polling must keep the lists and counts fresh (the stream is not delivering). */
export function useNeedsPolling(): boolean {
  return useLiveStatus() !== "live";
}
