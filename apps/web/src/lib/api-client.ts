/**
 * The single fetch wrapper for the jobs API, typed by the generated OpenAPI `paths`.
 *
 * Every request goes through {@link apiClient} and is unwrapped by {@link unwrap} or
 * {@link unwrapEmpty}, which turn any non-2xx answer or network failure into an {@link ApiError}.
 */
import createClient from "openapi-fetch";

import type { components, paths } from "@/api/schema.gen";

/** The API's error envelope (`docs/api.md`): a one-line summary plus per-field messages. */
export type ApiErrorBody = components["schemas"]["ErrorEnvelope"];

/**
 * A failed API call. `status` is 0 when the server could not be reached. `payload` is the body as
 * the server sent it (a 412 carries more than the envelope: the current job), unchecked.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  readonly payload: unknown;

  constructor(status: number, body: ApiErrorBody, payload?: unknown) {
    super(body.detail);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
    this.payload = payload;
  }

  /** Messages the server gave for one input field (empty when none). */
  fieldErrors(field: string): string[] {
    return this.body.errors?.[field] ?? [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Reads the error envelope out of an unknown body, falling back to a generic summary. */
export function toErrorBody(value: unknown, fallback: string): ApiErrorBody {
  if (!isRecord(value)) return { detail: fallback };
  const detail = typeof value.detail === "string" && value.detail ? value.detail : fallback;
  const errors: Record<string, string[]> = {};
  if (isRecord(value.errors)) {
    for (const [field, messages] of Object.entries(value.errors)) {
      if (isStringArray(messages)) errors[field] = messages;
    }
  }
  return Object.keys(errors).length > 0 ? { detail, errors } : { detail };
}

/**
 * The typed client. Paths are same-origin `/api/...` (the Vite proxy in development, nginx in
 * Docker). ⚠️ `fetch` is looked up on every call so that test doubles installed later apply.
 */
export const apiClient = createClient<paths>({
  baseUrl: typeof window === "undefined" ? "" : window.location.origin,
  fetch: (request) => globalThis.fetch(request),
});

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function settle<T>(request: Promise<ClientResult<T>>): Promise<ClientResult<T>> {
  try {
    return await request;
  } catch (cause) {
    const detail = cause instanceof SyntaxError ? "The server sent an unreadable answer." : "";
    throw new ApiError(0, {
      detail: detail || "Could not reach the server. Check your connection.",
    });
  }
}

function failure(result: ClientResult<unknown>): ApiError {
  const { status, statusText } = result.response;
  return new ApiError(
    status,
    toErrorBody(result.error, `Request failed (${status}${statusText ? ` ${statusText}` : ""})`),
    result.error,
  );
}

/**
 * Awaits a client call and returns its JSON body.
 * @throws ApiError on a non-2xx status, an empty body, or a network failure.
 */
export async function unwrap<T>(request: Promise<ClientResult<T>>): Promise<T> {
  const result = await settle(request);
  if (!result.response.ok || result.error !== undefined) throw failure(result);
  if (result.data === undefined) {
    throw new ApiError(result.response.status, { detail: "The server sent an empty answer." });
  }
  return result.data;
}

/**
 * Awaits a client call that answers without a body (204).
 * @throws ApiError on a non-2xx status or a network failure.
 */
export async function unwrapEmpty(request: Promise<ClientResult<unknown>>): Promise<void> {
  const result = await settle(request);
  if (!result.response.ok || result.error !== undefined) throw failure(result);
}

/** A message for any thrown value, preferring the API's summary. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.body.detail;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
