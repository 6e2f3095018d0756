import { describe, expect, it } from "vitest";

import { cursorFromLink } from "@/features/jobs/api/cursor";

describe("cursorFromLink", () => {
  it("reads the cursor of an absolute next link", () => {
    expect(cursorFromLink("http://api.example.org/api/jobs/?cursor=abc.def&page_size=50")).toBe(
      "abc.def",
    );
  });

  it("returns undefined at the end of the list or for a link without a cursor", () => {
    expect(cursorFromLink(null)).toBeUndefined();
    expect(cursorFromLink(undefined)).toBeUndefined();
    expect(cursorFromLink("http://api.example.org/api/jobs/")).toBeUndefined();
  });
});
