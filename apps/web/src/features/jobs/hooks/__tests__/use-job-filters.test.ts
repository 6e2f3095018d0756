import { describe, expect, it } from "vitest";

import { parseJobFilters, serializeJobFilters } from "@/features/jobs/hooks/use-job-filters";

describe("job filters in the query string", () => {
  it("parses comma-separated and repeated statuses in canonical order, ignoring unknown ones", () => {
    const filters = parseJobFilters(
      new URLSearchParams("status=FAILED,bogus&status=running&search=%20fluid%20&ordering=-name"),
    );
    expect(filters).toEqual({ status: ["RUNNING", "FAILED"], search: "fluid", ordering: "-name" });
  });

  it("falls back to the default ordering for an unknown one", () => {
    expect(parseJobFilters(new URLSearchParams("ordering=id")).ordering).toBe("-created_at");
  });

  it("leaves defaults out of the query string and round-trips", () => {
    expect(
      serializeJobFilters({ status: [], search: "", ordering: "-created_at" }).toString(),
    ).toBe("");
    const filters = { status: ["PENDING" as const], search: "a b", ordering: "name" as const };
    expect(parseJobFilters(serializeJobFilters(filters))).toEqual(filters);
  });
});
