import { describe, expect, it } from "vitest";

import {
  EMPTY_SELECTION,
  isSelected,
  loadedSelectionState,
  selectedLoadedIds,
  selectLoaded,
  toggleSelection,
  type Selection,
} from "@/features/jobs/bulk/selection";

const loaded = [10, 9, 8, 7, 6, 5].map((id) => ({ id }));

/** Applies clicks in order: [id, checked, shift]. */
function clicks(...steps: [number, boolean, boolean][]): Selection {
  return steps.reduce<Selection>(
    (selection, [id, checked, shift]) => toggleSelection(selection, loaded, id, checked, shift),
    EMPTY_SELECTION,
  );
}

describe("toggleSelection", () => {
  it("ticks and unticks single rows by id", () => {
    const selection = clicks([9, true, false], [7, true, false], [9, false, false]);
    expect(selectedLoadedIds(selection, loaded)).toEqual([7]);
  });

  it("Shift-click selects the loaded rows from the anchor, downwards and upwards", () => {
    expect(selectedLoadedIds(clicks([9, true, false], [6, true, true]), loaded)).toEqual([
      9, 8, 7, 6,
    ]);
    expect(selectedLoadedIds(clicks([6, true, false], [9, true, true]), loaded)).toEqual([
      9, 8, 7, 6,
    ]);
  });

  it("keeps the anchor after a range, so a second Shift-click re-extends from it", () => {
    const selection = clicks([8, true, false], [6, true, true], [10, true, true]);
    expect(selectedLoadedIds(selection, loaded)).toEqual([10, 9, 8, 7, 6]);
  });

  it("Shift-click on a ticked row unticks the range", () => {
    const selection = clicks(
      [10, true, false],
      [5, true, true],
      [8, false, false],
      [6, false, true],
    );
    expect(selectedLoadedIds(selection, loaded)).toEqual([10, 9, 5]);
  });

  it("Shift-click without an anchor among the loaded rows toggles one row", () => {
    expect(selectedLoadedIds(clicks([7, true, true]), loaded)).toEqual([7]);
    const anchorGone = toggleSelection(
      { mode: "ids", ids: new Set([99]), anchorId: 99 },
      loaded,
      8,
      true,
      true,
    );
    expect(selectedLoadedIds(anchorGone, loaded)).toEqual([8]);
  });

  it("unticking one row of 'all matching' keeps the other loaded rows", () => {
    const selection = toggleSelection({ mode: "all" }, loaded, 8, false, false);
    expect(selection.mode).toBe("ids");
    expect(selectedLoadedIds(selection, loaded)).toEqual([10, 9, 7, 6, 5]);
  });
});

describe("loaded rows", () => {
  it("selects every loaded row or none, and reports the header box's state", () => {
    expect(loadedSelectionState(EMPTY_SELECTION, loaded)).toBe("none");
    expect(loadedSelectionState(clicks([9, true, false]), loaded)).toBe("some");
    expect(loadedSelectionState(selectLoaded(loaded, true), loaded)).toBe("all");
    expect(selectedLoadedIds(selectLoaded(loaded, false), loaded)).toEqual([]);
    expect(loadedSelectionState({ mode: "all" }, loaded)).toBe("all");
  });

  it("counts only ids still loaded (a row deleted elsewhere drops out)", () => {
    const selection = clicks([9, true, false], [8, true, false]);
    const after = loaded.filter((job) => job.id !== 8);
    expect(selectedLoadedIds(selection, after)).toEqual([9]);
    expect(isSelected(selection, 8)).toBe(true);
  });

  it("'all matching' covers rows loaded later", () => {
    expect(isSelected({ mode: "all" }, 12345)).toBe(true);
  });
});
