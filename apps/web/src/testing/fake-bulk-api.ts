/**
 * The bulk endpoints of the fake API for msw: `POST /api/jobs/bulk/` (ids: applied at once;
 * filter: an operation) and `GET /api/jobs/bulk/{id}/`, where each read advances the operation
 * by one batch of {@link FAKE_BULK_BATCH} jobs, so tests see pending → running → done.
 */
import { http, HttpResponse } from "msw";

import { isStatus } from "@/features/jobs/status";
import type { BulkFilter, BulkOperation, Job, StatusType } from "@/features/jobs/types";
import { changeFakeJobStatus, deleteFakeJob, fakeApiJobs } from "@/testing/fake-api";

/** Jobs written per read of an operation's progress (by default). */
export const FAKE_BULK_BATCH = 25;

let batchSize = FAKE_BULK_BATCH;

/** Sets the jobs written per read of an operation's progress (until the next reset). */
export function setFakeBulkBatch(size: number): void {
  batchSize = size;
}

interface FakeOperation {
  operation: BulkOperation;
  /** Ids matching when the operation was created, not yet written. */
  left: number[];
}

let operations = new Map<number, FakeOperation>();
let nextOperationId = 1;

/** Forgets every operation (between tests). */
export function resetFakeBulkApi(): void {
  operations = new Map();
  nextOperationId = 1;
  batchSize = FAKE_BULK_BATCH;
}

interface BulkBody {
  action: "set_status" | "delete";
  status: StatusType | null;
  ids?: number[];
  filter?: BulkFilter;
}

function parse(body: unknown): BulkBody | null {
  if (typeof body !== "object" || body === null || !("action" in body)) return null;
  const status = "status_type" in body ? body.status_type : null;
  const validStatus = typeof status === "string" && isStatus(status) ? status : null;
  if (body.action === "set_status" ? validStatus === null : status !== null) return null;
  if (body.action !== "set_status" && body.action !== "delete") return null;
  const ids = "ids" in body && Array.isArray(body.ids) ? body.ids.map(Number) : undefined;
  const filter =
    "filter" in body && typeof body.filter === "object" && body.filter !== null
      ? (body.filter as BulkFilter)
      : undefined;
  if ((ids === undefined) === (filter === undefined)) return null;
  return { action: body.action, status: validStatus, ids, filter };
}

function matches(job: Job, filter: BulkFilter): boolean {
  const statusOk = !filter.status || filter.status.includes(job.current_status ?? "PENDING");
  const search = filter.search?.toLowerCase() ?? "";
  return statusOk && job.name.toLowerCase().includes(search);
}

function apply(body: Pick<BulkBody, "action" | "status">, job: Job): void {
  if (body.action === "delete") deleteFakeJob(job.id);
  else if (body.status) changeFakeJobStatus(job, body.status);
}

function step(fake: FakeOperation): void {
  const { operation } = fake;
  const now = new Date().toISOString();
  if (operation.state === "pending") {
    fake.operation = { ...operation, state: "running", total: fake.left.length, started_at: now };
    return;
  }
  if (operation.state !== "running") return;
  const batch = fake.left.splice(0, batchSize);
  const body = { action: operation.action, status: operation.status_type };
  let written = 0;
  for (const id of batch) {
    const job = fakeApiJobs().find((j) => j.id === id);
    if (job && matches(job, operation.filter)) {
      apply(body, job);
      written += 1;
    }
  }
  const finished = fake.left.length === 0;
  fake.operation = {
    ...operation,
    done: operation.done + written,
    ...(finished ? { state: "done", finished_at: now } : {}),
  };
}

/** msw handlers of the bulk endpoints (after `fakeApiHandlers`, which logs every request). */
export const fakeBulkHandlers = [
  http.post("/api/jobs/bulk/", async ({ request }) => {
    const body = parse(await request.json());
    if (!body) return HttpResponse.json({ detail: "Invalid input." }, { status: 400 });
    if (body.ids) {
      const found = fakeApiJobs().filter((job) => body.ids?.includes(job.id));
      for (const job of found) apply(body, job);
      const foundIds = new Set(found.map((job) => job.id));
      const missing = [...new Set(body.ids)]
        .filter((id) => !foundIds.has(id))
        .sort((a, b) => a - b);
      return HttpResponse.json({
        action: body.action,
        status_type: body.status,
        affected: found.length,
        missing,
      });
    }
    const filter = body.filter ?? {};
    const left = fakeApiJobs()
      .filter((job) => matches(job, filter))
      .map((job) => job.id)
      .sort((a, b) => a - b);
    const operation: BulkOperation = {
      id: nextOperationId++,
      action: body.action,
      status_type: body.status,
      filter,
      state: "pending",
      total: null,
      done: 0,
      error: null,
      created_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
    };
    operations.set(operation.id, { operation, left });
    return HttpResponse.json(operation, {
      status: 202,
      headers: { Location: `/api/jobs/bulk/${operation.id}/` },
    });
  }),
  http.get("/api/jobs/bulk/:operation_id/", ({ params }) => {
    const fake = operations.get(Number(params.operation_id));
    if (!fake) return HttpResponse.json({ detail: "Not found." }, { status: 404 });
    step(fake);
    return HttpResponse.json(fake.operation);
  }),
];
