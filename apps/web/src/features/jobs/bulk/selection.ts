/**
 * The list's selection, as plain data and pure functions (no React here). Rows are picked by job
 * id, never by row index or DOM node, so a selection survives virtualization (rows leaving the
 * DOM), scrolling, new pages and rows patched or removed by live updates.
 */

/** Rows picked one by one (`ids`), or every job matching the list's filters (`all`). */
export type Selection =
  | {
      mode: "ids";
      ids: ReadonlySet<number>;
      /** The last row clicked without Shift: where a Shift-click range starts. */
      anchorId: number | null;
    }
  | { mode: "all" };

/** Nothing selected. */
export const EMPTY_SELECTION: Selection = { mode: "ids", ids: new Set(), anchorId: null };

/** Whether the job is selected. */
export function isSelected(selection: Selection, id: number): boolean {
  return selection.mode === "all" || selection.ids.has(id);
}

/** The selected ids among the loaded jobs, in list order (ids no longer loaded drop out). */
export function selectedLoadedIds(
  selection: Selection,
  loaded: readonly { id: number }[],
): number[] {
  return loaded.filter((job) => isSelected(selection, job.id)).map((job) => job.id);
}

/**
 * The selection after the box of job `id` was set to `checked`. With `shift` (and an anchor
 * still among the loaded jobs) every loaded row from the anchor to `id` takes that state, as in
 * a mail client; the anchor stays. Without, only `id` changes and becomes the anchor. Unticking
 * a row while every matching job is selected leaves the other loaded rows selected.
 */
export function toggleSelection(
  selection: Selection,
  loaded: readonly { id: number }[],
  id: number,
  checked: boolean,
  shift: boolean,
): Selection {
  const base =
    selection.mode === "all"
      ? { ids: new Set(loaded.map((job) => job.id)), anchorId: null }
      : { ids: new Set(selection.ids), anchorId: selection.anchorId };
  const target = loaded.findIndex((job) => job.id === id);
  const anchor = base.anchorId === null ? -1 : loaded.findIndex((job) => job.id === base.anchorId);
  const range =
    shift && anchor >= 0 && target >= 0
      ? loaded.slice(Math.min(anchor, target), Math.max(anchor, target) + 1).map((job) => job.id)
      : [id];
  for (const rangeId of range) {
    if (checked) base.ids.add(rangeId);
    else base.ids.delete(rangeId);
  }
  const anchorId = range.length > 1 ? base.anchorId : id;
  return { mode: "ids", ids: base.ids, anchorId };
}

/** Every loaded job selected (the header box), or none when `checked` is false. */
export function selectLoaded(loaded: readonly { id: number }[], checked: boolean): Selection {
  return checked
    ? { mode: "ids", ids: new Set(loaded.map((job) => job.id)), anchorId: null }
    : EMPTY_SELECTION;
}

/** The header box's state: every loaded job selected, some, or none. */
export function loadedSelectionState(
  selection: Selection,
  loaded: readonly { id: number }[],
): "all" | "some" | "none" {
  if (loaded.length === 0) return "none";
  const count = selectedLoadedIds(selection, loaded).length;
  if (count === 0) return "none";
  return count === loaded.length ? "all" : "some";
}
