/**
 * Test helpers for the live-updates stream: a real `EventSource` (the `eventsource` package,
 * on the test's fetch, so msw's `sse()` serves it) and handles on each connection it opens.
 */
import { screen, within } from "@testing-library/react";
import { EventSource } from "eventsource";
import { http, HttpResponse, sse } from "msw";
import { vi } from "vitest";

import { JOB_EVENTS_PATH, type JobChange } from "@/features/jobs/live/job-events";
import { server } from "@/testing/msw-server";

/** The events of the stream, by name (what `client.send` accepts). */
type JobEventMap = {
  message: unknown;
  job: JobChange;
  deleted: { id: number };
  resync: Record<string, never>;
};

/** One connection the app opened. */
export interface StreamConnection {
  send: (
    event:
      | { event: "job"; data: JobChange; id?: string }
      | { event: "deleted"; data: { id: number }; id?: string }
      | { event: "resync"; data: Record<string, never> },
  ) => void;
  /** Aborted when the app closes this connection. */
  signal: AbortSignal;
}

/** Gives the test environment `EventSource` (jsdom has none). */
export function installEventSource(): void {
  vi.stubGlobal("EventSource", EventSource);
}

/** Serves the stream with msw; returns the connections as the app opens them. */
export function serveJobEvents(): StreamConnection[] {
  const connections: StreamConnection[] = [];
  server.use(
    sse<JobEventMap>(JOB_EVENTS_PATH, ({ client, request }) => {
      client.send({ retry: 3000 });
      connections.push({ send: (event) => client.send(event), signal: request.signal });
    }),
  );
  return connections;
}

/** Answers the stream with a 404, as the API does where no events server is deployed. */
export function refuseJobEvents(): void {
  server.use(
    http.get(JOB_EVENTS_PATH, () => HttpResponse.json({ detail: "Not found." }, { status: 404 })),
  );
}

/** The header's live-updates indicator. */
export function liveIndicator(): HTMLElement {
  return within(screen.getByRole("banner")).getByRole("status");
}

/** Makes the page hidden or visible and tells the app (Page Visibility API). */
export function setPageVisibility(state: DocumentVisibilityState): void {
  vi.spyOn(document, "visibilityState", "get").mockReturnValue(state);
  document.dispatchEvent(new Event("visibilitychange"));
}
