import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

import { SEARCH_MIN_LENGTH } from "@/config/constants";
import { codePointLength } from "@/lib/code-points";
import { DEFAULT_ORDERING, isOrdering, isStatus, STATUSES } from "@/features/jobs/status";
import type { JobFilters, JobOrdering, StatusType } from "@/features/jobs/types";

function searchTerm(raw: string): string {
  const term = raw.trim();
  return codePointLength(term) < SEARCH_MIN_LENGTH ? "" : term;
}

/** Reads list filters from URL search params; unknown values are ignored. */
export function parseJobFilters(params: URLSearchParams): JobFilters {
  const wanted = new Set(
    params
      .getAll("status")
      .flatMap((value) => value.split(","))
      .map((value) => value.trim().toUpperCase())
      .filter(isStatus),
  );
  const ordering = params.get("ordering") ?? "";
  return {
    // Canonical order, so equal filters give equal query keys.
    status: STATUSES.filter((status) => wanted.has(status)),
    // A pasted term the API would refuse (1 or 2 characters) filters nothing.
    search: searchTerm(params.get("search") ?? ""),
    ordering: isOrdering(ordering) ? ordering : DEFAULT_ORDERING,
  };
}

/** Writes filters to search params, leaving defaults out to keep links short. */
export function serializeJobFilters(filters: JobFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length > 0) params.set("status", filters.status.join(","));
  if (filters.search) params.set("search", filters.search);
  if (filters.ordering !== DEFAULT_ORDERING) params.set("ordering", filters.ordering);
  return params;
}

/** Whether any filter narrows the list (ordering does not). */
export function hasActiveFilters(filters: JobFilters): boolean {
  return filters.status.length > 0 || filters.search !== "";
}

/**
 * The list filters, living in the URL query string (`status`, `search`, `ordering`) so that
 * reload, back/forward and pasted links restore the same view.
 */
export function useJobFilters() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // Memoised on the query string so the filters object (a query key) is stable between renders.
  const filters = useMemo(() => parseJobFilters(new URLSearchParams(key)), [key]);

  const update = useCallback(
    (patch: Partial<JobFilters>, options?: { replace?: boolean }) => {
      setParams((current) => serializeJobFilters({ ...parseJobFilters(current), ...patch }), {
        replace: options?.replace ?? false,
      });
    },
    [setParams],
  );

  const toggleStatus = useCallback(
    (status: StatusType) => {
      const next = filters.status.includes(status)
        ? filters.status.filter((s) => s !== status)
        : [...filters.status, status];
      update({ status: STATUSES.filter((s) => next.includes(s)) });
    },
    [filters.status, update],
  );

  return {
    filters,
    /** The query string as it is now (kept when opening and leaving a job page). */
    search: key ? `?${key}` : "",
    toggleStatus,
    clearStatus: useCallback(() => update({ status: [] }), [update]),
    setSearch: useCallback((search: string) => update({ search }, { replace: true }), [update]),
    setOrdering: useCallback((ordering: JobOrdering) => update({ ordering }), [update]),
    clearFilters: useCallback(() => update({ status: [], search: "" }), [update]),
  };
}
