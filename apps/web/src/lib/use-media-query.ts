import { useSyncExternalStore } from "react";

/**
 * Whether the CSS media query `query` matches now ("(width <= 40rem)"), updated when it starts
 * or stops matching. False where `matchMedia` does not exist (jsdom).
 * ⚠️ Pass a constant: each new string subscribes anew.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== "function") return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => typeof window.matchMedia === "function" && window.matchMedia(query).matches,
  );
}
