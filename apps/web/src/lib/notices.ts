/**
 * A tiny store of transient messages (e.g. "Could not delete …"), shown by the app's notice
 * region. Plain module state read through `useSyncExternalStore`; no UI here.
 */
import { useSyncExternalStore } from "react";

/** One message shown to the user. */
export interface Notice {
  id: number;
  tone: "error" | "info";
  message: string;
  /** What the message is about ("job 42"), so that a later success can clear it. */
  topic?: string;
}

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/**
 * Shows a message until dismissed, or until {@link dismissNoticesAbout} its `topic` (at most the
 * 3 newest are kept). Returns its id.
 * ⚠️ A message already shown with the same tone is not shown twice (its id is returned).
 */
export function pushNotice(
  message: string,
  tone: Notice["tone"] = "error",
  topic?: string,
): number {
  const shown = notices.find((notice) => notice.message === message && notice.tone === tone);
  if (shown) return shown.id;
  const id = nextId++;
  notices = [...notices, { id, tone, message, topic }].slice(-3);
  emit();
  return id;
}

/** Removes every message about `topic` (e.g. a failed write, once a retry of it succeeded). */
export function dismissNoticesAbout(topic: string): void {
  const kept = notices.filter((notice) => notice.topic !== topic);
  if (kept.length === notices.length) return;
  notices = kept;
  emit();
}

/** Removes one message. */
export function dismissNotice(id: number): void {
  notices = notices.filter((notice) => notice.id !== id);
  emit();
}

/** Removes every message (used between tests). */
export function clearNotices(): void {
  notices = [];
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current messages, oldest first. */
export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(subscribe, () => notices);
}
