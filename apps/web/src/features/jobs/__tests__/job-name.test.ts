import { describe, expect, it } from "vitest";

import { jobNameLength, trimJobName, validateJobName } from "@/features/jobs/job-name";

const TOO_LONG = "The name is too long: at most 200 characters.";

describe("job name rule (the API's: code points after trimming)", () => {
  it.each([
    ["199 emoji", "😀".repeat(199), 199, null],
    ["200 emoji", "😀".repeat(200), 200, null],
    ["201 emoji", "😀".repeat(201), 201, TOO_LONG],
    // Each is one code point beyond the BMP: two UTF-16 code units.
    ["200 CJK Extension B ideographs", "𠀀".repeat(200), 200, null],
    ["200 CJK ideographs", "漢".repeat(200), 200, null],
    ["201 CJK ideographs", "漢".repeat(201), 201, TOO_LONG],
    // e + COMBINING ACUTE ACCENT: one grapheme, two code points.
    ["100 combining pairs", "e\u0301".repeat(100), 200, null],
    ["100 combining pairs and one more mark", `${"e\u0301".repeat(100)}\u0301`, 201, TOO_LONG],
    // A flag is two regional indicators; a family is 5 code points joined by ZWJ.
    ["100 flags", "🇫🇷".repeat(100), 200, null],
    ["40 families", "👨‍👩‍👧".repeat(40), 200, null],
    ["200 letters", "n".repeat(200), 200, null],
  ])("%s count %i", (_case, name, length, problem) => {
    expect(jobNameLength(name)).toBe(length);
    expect(validateJobName(name)).toBe(problem);
  });

  it("counts what remains after the API's blank characters are trimmed", () => {
    const padded = `\u200b\u00a0 ${"😀".repeat(200)}\u2060\u3000\ufeff\u0085`;
    expect(trimJobName(padded)).toBe("😀".repeat(200));
    expect(jobNameLength(padded)).toBe(200);
    expect(validateJobName(padded)).toBeNull();
  });

  it("keeps blank characters inside the name", () => {
    expect(trimJobName(" a\u200bb c ")).toBe("a\u200bb c");
  });

  it.each(["", "   ", "\u200b\ufeff\u180e\u2060", "\u001c\u0085\u3000"])(
    "refuses a blank name %j",
    (name) => {
      expect(jobNameLength(name)).toBe(0);
      expect(validateJobName(name)).toBe("Enter a job name.");
    },
  );
});
