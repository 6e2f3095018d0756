import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";

import { createJobEventHandler } from "@/features/jobs/live/job-event-handler";
import {
  eventSourceSupported,
  JobEventStream,
  type LiveStatus,
} from "@/features/jobs/live/job-event-stream";
import { LiveStatusContext } from "@/features/jobs/live/live-status";

/**
 * Holds the app's one live-updates subscription (mount it once, around the pages) and provides
 * its status. Events patch the QueryClient's cache; a new stream after a gap refetches.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>(() =>
    eventSourceSupported() ? "connecting" : "polling",
  );
  useEffect(() => {
    const handler = createJobEventHandler(client);
    const stream = new JobEventStream({
      onEvent: handler.onEvent,
      onGap: handler.resync,
      onStatus: setStatus,
    });
    stream.start();
    return () => {
      stream.stop();
      handler.dispose();
    };
  }, [client]);
  return <LiveStatusContext value={status}>{children}</LiveStatusContext>;
}
