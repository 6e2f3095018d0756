/**
 * Scroll positions remembered for the life of one app instance (one router), so that coming
 * back to a view restores where it was. Held by a provider in the app layout, not by a module:
 * two app instances (or two tests) never share them.
 */
import { createContext, useContext, useState, type ReactNode } from "react";

/** Scroll offsets in px, by view key (e.g. the list's query string). */
export type ScrollMemory = Map<string, number>;

const ScrollMemoryContext = createContext<ScrollMemory | null>(null);

/** Provides one {@link ScrollMemory} to everything below it. */
export function ScrollMemoryProvider({ children }: { children: ReactNode }) {
  const [memory] = useState<ScrollMemory>(() => new Map());
  return <ScrollMemoryContext value={memory}>{children}</ScrollMemoryContext>;
}

/**
 * The nearest provider's {@link ScrollMemory}.
 * ⚠️ Without a provider (a component rendered alone) it is the caller's own, forgotten on unmount.
 */
export function useScrollMemory(): ScrollMemory {
  const provided = useContext(ScrollMemoryContext);
  const [own] = useState<ScrollMemory>(() => new Map());
  return provided ?? own;
}
