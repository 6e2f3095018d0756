import { useCallback, useMemo, useState } from "react";

import {
  EMPTY_SELECTION,
  loadedSelectionState,
  selectedLoadedIds,
  selectLoaded,
  toggleSelection,
  type Selection,
} from "@/features/jobs/bulk/selection";
import type { Job, JobFilters } from "@/features/jobs/types";

/** The list's selection and what changes it ({@link useJobSelection}). */
export interface JobSelection {
  selection: Selection;
  /** Selected ids among the loaded rows, in list order (all loaded rows when `mode` is all). */
  selectedIds: number[];
  /** The header box: every loaded row selected, some, or none. */
  loadedState: "all" | "some" | "none";
  /** Sets the box of job `id` (with `shift`: the range from the last clicked row). */
  toggle: (id: number, checked: boolean, shift: boolean) => void;
  /** Selects every loaded row, or none. */
  setLoaded: (checked: boolean) => void;
  /** Selects every job matching the filters, loaded or not. */
  selectAllMatching: () => void;
  clear: () => void;
}

/** The filters a selection belongs to: another status or search starts with nothing selected. */
function selectionScope(filters: JobFilters): string {
  return JSON.stringify([filters.status, filters.search]);
}

/**
 * Holds the list's selection by job id, outside the rows (which react-window mounts and unmounts
 * as they scroll), for the current status and search; the ordering keeps it. ⚠️ Ids are kept
 * even while their rows are not loaded; `selectedIds` counts only the loaded ones, so a row
 * deleted elsewhere drops out of the count and the action.
 */
export function useJobSelection(filters: JobFilters, jobs: readonly Job[]): JobSelection {
  const scope = selectionScope(filters);
  const [state, setState] = useState<{ scope: string; selection: Selection }>({
    scope,
    selection: EMPTY_SELECTION,
  });
  const selection = state.scope === scope ? state.selection : EMPTY_SELECTION;

  const update = useCallback(
    (next: (current: Selection) => Selection) =>
      setState((prev) => ({
        scope,
        selection: next(prev.scope === scope ? prev.selection : EMPTY_SELECTION),
      })),
    [scope],
  );
  const toggle = useCallback(
    (id: number, checked: boolean, shift: boolean) =>
      update((current) => toggleSelection(current, jobs, id, checked, shift)),
    [update, jobs],
  );
  const setLoaded = useCallback(
    (checked: boolean) => update(() => selectLoaded(jobs, checked)),
    [update, jobs],
  );
  const selectAllMatching = useCallback(() => update(() => ({ mode: "all" })), [update]);
  const clear = useCallback(() => update(() => EMPTY_SELECTION), [update]);

  const selectedIds = useMemo(() => selectedLoadedIds(selection, jobs), [selection, jobs]);
  return {
    selection,
    selectedIds,
    loadedState: loadedSelectionState(selection, jobs),
    toggle,
    setLoaded,
    selectAllMatching,
    clear,
  };
}
