import { useEffect, useState } from "react";

import { SEARCH_DEBOUNCE_MS } from "@/config/constants";
import styles from "@/features/jobs/components/search-box.module.css";

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  /** The search as it is in the URL. */
  value: string;
  /** Called {@link SEARCH_DEBOUNCE_MS} after the last keystroke. */
  onSearch: (value: string) => void;
}

/**
 * The "Search jobs" box. Typing is local; the URL follows after a pause. When the URL changes
 * from elsewhere (back/forward, "Clear filters"), the box follows it.
 */
export function SearchBox({ value, onSearch }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const [seenValue, setSeenValue] = useState(value);
  const [sentValue, setSentValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    // Our own debounced write coming back must not clobber what was typed since.
    if (value !== sentValue) setText(value);
  }

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === value) return;
    const timer = window.setTimeout(() => {
      setSentValue(wanted);
      onSearch(wanted);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <input
      className={styles.search}
      type="search"
      aria-label="Search jobs"
      placeholder="Search jobs…"
      value={text}
      onChange={(event) => setText(event.target.value)}
    />
  );
}
