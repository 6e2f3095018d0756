/**
 * An in-memory jobs API for msw, following the contract: keyset-like cursors (opaque to the
 * app), filters, ordering, the error envelope, stats and status history.
 */
import { http, HttpResponse } from "msw";

import { STATUSES, isOrdering, isStatus } from "@/features/jobs/status";
import type { Job, JobOrdering, JobStatus, StatusType } from "@/features/jobs/types";

interface FakeState {
  jobs: Job[];
  history: Map<number, JobStatus[]>;
  nextId: number;
  /** Every request seen, as "METHOD /path?query". */
  requests: string[];
  /** Idempotency-Key header value -> the name it created and the 201 body. */
  keys: Map<string, { name: string; job: Job }>;
}

const state: FakeState = {
  jobs: [],
  history: new Map(),
  nextId: 1,
  requests: [],
  keys: new Map(),
};

/** Replaces the fake database with these jobs (each gets one status row). */
export function seedFakeApi(jobs: Job[]): void {
  state.jobs = jobs.map((job) => ({ ...job }));
  state.history = new Map(
    jobs.map((job) => [
      job.id,
      job.current_status
        ? [{ id: job.id * 10, status_type: job.current_status, timestamp: job.created_at }]
        : [],
    ]),
  );
  state.nextId = Math.max(0, ...jobs.map((job) => job.id)) + 1;
}

/** Empties the fake database and the request log. */
export function resetFakeApi(): void {
  seedFakeApi([]);
  state.requests = [];
  state.keys = new Map();
}

/** Requests the app sent so far ("GET /api/jobs/?status=RUNNING"). */
export function fakeApiRequests(): readonly string[] {
  return state.requests;
}

/** The fake database's jobs. */
export function fakeApiJobs(): readonly Job[] {
  return state.jobs;
}

function log(request: Request): void {
  const url = new URL(request.url);
  state.requests.push(`${request.method} ${url.pathname}${url.search}`);
}

function notFound() {
  return HttpResponse.json({ detail: "Not found." }, { status: 404 });
}

/** The API's 412 when `If-Match` names another version of the job, else null. */
function versionConflict(request: Request, job: Job) {
  const ifMatch = request.headers.get("If-Match");
  if (ifMatch === null || ifMatch === "*" || ifMatch === `"${job.updated_at}"`) return null;
  return HttpResponse.json(
    { detail: "The job changed since the version in If-Match; nothing was changed.", job },
    { status: 412 },
  );
}

/**
 * Creates a job as `POST /api/jobs/` does, honouring `Idempotency-Key` (the same key and name
 * return the first job); null for a key reused with another name (the API's 422).
 */
export function fakeApiCreate(name: string, key: string | null): Job | null {
  const stored = key === null ? undefined : state.keys.get(key);
  if (stored) return stored.name === name ? stored.job : null;
  const now = new Date().toISOString();
  const job: Job = {
    id: state.nextId++,
    name,
    current_status: "PENDING",
    status_changed_at: now,
    created_at: now,
    updated_at: now,
  };
  state.jobs = [job, ...state.jobs];
  state.history.set(job.id, [{ id: job.id * 10, status_type: "PENDING", timestamp: now }]);
  if (key !== null) state.keys.set(key, { name, job });
  return job;
}

const COMPARE: Record<JobOrdering, (a: Job, b: Job) => number> = {
  "-created_at": (a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id,
  created_at: (a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id,
  name: (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
  "-name": (a, b) => b.name.localeCompare(a.name) || b.id - a.id,
  "-updated_at": (a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id,
};

function listJobs(request: Request) {
  const url = new URL(request.url);
  const statuses = url.searchParams.getAll("status").flatMap((value) => value.split(","));
  const search = (url.searchParams.get("search") ?? "").toLowerCase();
  const ordering = url.searchParams.get("ordering") ?? "-created_at";
  const pageSize = Number(url.searchParams.get("page_size") ?? "50");
  const offset = Number(atob(url.searchParams.get("cursor") ?? btoa("0")));
  const compare = isOrdering(ordering) ? COMPARE[ordering] : undefined;
  if (!compare || statuses.some((s) => !isStatus(s))) {
    return HttpResponse.json({ detail: "Invalid filters." }, { status: 400 });
  }
  const matching = state.jobs
    .filter((job) => statuses.length === 0 || statuses.includes(job.current_status ?? ""))
    .filter((job) => job.name.toLowerCase().includes(search))
    .sort(compare);
  const results = matching.slice(offset, offset + pageSize);
  const nextUrl = new URL(url);
  nextUrl.searchParams.set("cursor", btoa(String(offset + pageSize)));
  const next = offset + pageSize < matching.length ? nextUrl.toString() : null;
  return HttpResponse.json({ next, previous: null, results });
}

/** Appends a status to the fake job (as the triggers would move its read model); returns it. */
export function changeFakeJobStatus(job: Job, status: StatusType): Job {
  const now = new Date().toISOString();
  const updated = { ...job, current_status: status, status_changed_at: now, updated_at: now };
  state.jobs = state.jobs.map((j) => (j.id === job.id ? updated : j));
  const history = state.history.get(job.id) ?? [];
  state.history.set(job.id, [
    { id: state.nextId++ * 10, status_type: status, timestamp: now },
    ...history,
  ]);
  return updated;
}

/** Deletes the fake job with its history. */
export function deleteFakeJob(id: number): void {
  state.jobs = state.jobs.filter((job) => job.id !== id);
  state.history.delete(id);
}

function findJob(params: Record<string, string | readonly string[] | undefined>) {
  return state.jobs.find((job) => String(job.id) === params.job_id);
}

/** msw handlers implementing the fake API. */
export const fakeApiHandlers = [
  http.all("*", ({ request }) => {
    log(request);
  }),
  http.get("/api/jobs/stats/", () => {
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    for (const job of state.jobs) {
      if (job.current_status)
        byStatus[job.current_status] = (byStatus[job.current_status] ?? 0) + 1;
    }
    return HttpResponse.json({ total: state.jobs.length, by_status: byStatus });
  }),
  http.get("/api/jobs/", ({ request }) => listJobs(request)),
  http.post("/api/jobs/", async ({ request }) => {
    const body: unknown = await request.json();
    const name = typeof body === "object" && body !== null && "name" in body ? body.name : null;
    if (typeof name !== "string" || !name.trim()) {
      return HttpResponse.json(
        { detail: "Invalid input.", errors: { name: ["This field may not be blank."] } },
        { status: 400 },
      );
    }
    const job = fakeApiCreate(name.trim(), request.headers.get("Idempotency-Key"));
    if (!job) {
      return HttpResponse.json({ detail: "Key used with another body." }, { status: 422 });
    }
    return HttpResponse.json(job, { status: 201 });
  }),
  http.get("/api/jobs/:job_id/", ({ params }) => {
    const job = findJob(params);
    return job ? HttpResponse.json(job) : notFound();
  }),
  http.patch("/api/jobs/:job_id/", async ({ params, request }) => {
    const job = findJob(params);
    if (!job) return notFound();
    const conflict = versionConflict(request, job);
    if (conflict) return conflict;
    const body: unknown = await request.json();
    const status =
      typeof body === "object" && body !== null && "status_type" in body ? body.status_type : null;
    if (typeof status !== "string" || !isStatus(status)) {
      return HttpResponse.json(
        { detail: "Invalid input.", errors: { status_type: ["Not a valid choice."] } },
        { status: 400 },
      );
    }
    return HttpResponse.json(changeFakeJobStatus(job, status));
  }),
  http.delete("/api/jobs/:job_id/", ({ params, request }) => {
    const job = findJob(params);
    if (!job) return notFound();
    const conflict = versionConflict(request, job);
    if (conflict) return conflict;
    deleteFakeJob(job.id);
    return new HttpResponse(null, { status: 204 });
  }),
  http.get("/api/jobs/:job_id/statuses/", ({ params }) => {
    const job = findJob(params);
    if (!job) return notFound();
    return HttpResponse.json({
      next: null,
      previous: null,
      results: state.history.get(job.id) ?? [],
    });
  }),
];
