/**
 * The app's one subscription to `GET /api/jobs/events/`: an `EventSource` open while the page
 * is visible (Page Visibility API), closed while it is hidden. The browser reconnects by itself
 * (the server's `retry: 3000`, resuming with `Last-Event-ID`); when the stream cannot be opened
 * (no `EventSource`, an HTTP error such as a 404, or {@link STREAM_MAX_ERRORS} failed attempts
 * in a row) it falls back to polling and tries again after a growing delay.
 */
import { STREAM_MAX_ERRORS, STREAM_REOPEN_DELAYS_MS } from "@/config/constants";
import { JOB_EVENT_TYPES, JOB_EVENTS_PATH } from "@/features/jobs/live/job-events";

/** Where the subscription stands; what the indicator shows and what decides head polling. */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "polling" | "paused";

/** The SSE event names the stream reports. */
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];

/** Callbacks of a {@link JobEventStream}. */
export interface JobEventStreamHandlers {
  /** One event: its name and its raw `data` (JSON text). */
  onEvent: (type: JobEventType, data: string) => void;
  /** A new stream opened after one was closed (hidden page, fallback): events were missed. */
  onGap: () => void;
  onStatus: (status: LiveStatus) => void;
}

/** Whether this browser has `EventSource` (read at call time, so tests can stub it). */
export function eventSourceSupported(): boolean {
  return typeof globalThis.EventSource === "function";
}

/** Opens, closes and reopens the stream; `start()` once, `stop()` to end it for good. */
export class JobEventStream {
  #source: EventSource | null = null;
  #errors = 0;
  #reopenAttempt = 0;
  #reopenTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set when a stream was closed by us: the next one to open must resync. */
  #gap = false;
  readonly #handlers: JobEventStreamHandlers;
  readonly #url: string;

  constructor(handlers: JobEventStreamHandlers, url: string = JOB_EVENTS_PATH) {
    this.#handlers = handlers;
    this.#url = url;
  }

  start(): void {
    document.addEventListener("visibilitychange", this.#onVisibility);
    this.#onVisibility();
  }

  stop(): void {
    document.removeEventListener("visibilitychange", this.#onVisibility);
    this.#close();
  }

  readonly #onVisibility = (): void => {
    if (document.visibilityState === "hidden") {
      this.#close();
      this.#handlers.onStatus("paused");
    } else if (!this.#source) {
      this.#open();
    }
  };

  #open(): void {
    clearTimeout(this.#reopenTimer);
    if (!eventSourceSupported()) {
      this.#handlers.onStatus("polling");
      return;
    }
    const source = new EventSource(this.#url);
    this.#source = source;
    this.#handlers.onStatus(this.#gap ? "reconnecting" : "connecting");
    for (const type of JOB_EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (event instanceof MessageEvent && typeof event.data === "string") {
          this.#handlers.onEvent(type, event.data);
        }
      });
    }
    source.addEventListener("open", () => this.#onOpen(source));
    source.addEventListener("error", () => this.#onError(source));
  }

  #onOpen(source: EventSource): void {
    if (source !== this.#source) return;
    this.#errors = 0;
    this.#reopenAttempt = 0;
    this.#handlers.onStatus("live");
    if (this.#gap) {
      this.#gap = false;
      this.#handlers.onGap();
    }
  }

  #onError(source: EventSource): void {
    if (source !== this.#source) return;
    this.#errors += 1;
    // CLOSED: the browser gave up (an HTTP error or not an event stream); else it retries.
    if (source.readyState !== EventSource.CLOSED && this.#errors < STREAM_MAX_ERRORS) {
      this.#handlers.onStatus("reconnecting");
      return;
    }
    this.#close();
    this.#handlers.onStatus("polling");
    const delays = STREAM_REOPEN_DELAYS_MS;
    const delay = delays[Math.min(this.#reopenAttempt, delays.length - 1)];
    this.#reopenAttempt += 1;
    this.#reopenTimer = setTimeout(() => this.#open(), delay);
  }

  #close(): void {
    clearTimeout(this.#reopenTimer);
    this.#errors = 0;
    if (!this.#source) return;
    this.#source.close();
    this.#source = null;
    this.#gap = true;
  }
}
