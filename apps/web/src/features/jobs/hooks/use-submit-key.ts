import { useRef } from "react";

/** A random version-4 UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One `Idempotency-Key` per submit of a form: `keyFor(body)` returns the same key while the same
 * body is sent again (a double submit, a retry after a timeout or a failed answer), a new one for
 * another body; `done()` after a success, so that submitting the same name again is a new job.
 */
export function useSubmitKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: string): string {
      if (last.current?.body !== body) last.current = { body, key: randomKey() };
      return last.current.key;
    },
    done(): void {
      last.current = null;
    },
  };
}
