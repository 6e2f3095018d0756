import { useEffect, useId, useState } from "react";

import { SEARCH_DEBOUNCE_MS, SEARCH_MIN_LENGTH } from "@/config/constants";
import styles from "@/features/jobs/components/search-box.module.css";
import { codePointLength } from "@/lib/code-points";

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

  const hintId = useId();
  const trimmed = text.trim();
  // 1 or 2 characters: the API refuses them (400); say so here and search for nothing yet.
  const tooShort = trimmed !== "" && codePointLength(trimmed) < SEARCH_MIN_LENGTH;
  const wanted = tooShort ? "" : trimmed;

  useEffect(() => {
    if (wanted === value) return;
    const timer = window.setTimeout(() => {
      setSentValue(wanted);
      onSearch(wanted);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [wanted, value, onSearch]);

  return (
    <span className={styles.wrapper}>
      <input
        className={styles.search}
        type="search"
        aria-label="Search jobs"
        aria-describedby={hintId}
        placeholder="Search jobs…"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {/* Floats under the box (the toolbar's height is fixed). */}
      <span id={hintId} role="status" className={tooShort ? styles.hint : "visually-hidden"}>
        {tooShort ? `Type at least ${SEARCH_MIN_LENGTH} characters to search.` : ""}
      </span>
    </span>
  );
}
