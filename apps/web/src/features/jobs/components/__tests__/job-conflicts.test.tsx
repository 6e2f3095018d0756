import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { fakeApiCreate, fakeApiJobs, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { server } from "@/testing/msw-server";
import { renderWithProviders } from "@/testing/render-with-providers";

/** Someone else sets job 2 to FAILED through the API (the cached list does not know). */
function changedElsewhere() {
  seedFakeApi(
    fakeApiJobs().map((job) =>
      job.id === 2
        ? { ...job, current_status: "FAILED", updated_at: "2030-01-01T00:00:00.000001Z" }
        : job,
    ),
  );
}

async function setup() {
  seedFakeApi(makeJobs(3)); // job-00002 RUNNING
  const view = renderWithProviders("/");
  const link = await screen.findByRole("link", { name: "job-00002" });
  const row = within(link.closest<HTMLElement>("[role=row]") ?? document.body);
  return { ...view, row };
}

describe("a write after someone else's change (412)", () => {
  it("sends the version seen when the menu opened and shows the server's status", async () => {
    const sent: (string | null)[] = [];
    server.events.on("request:start", ({ request }) => {
      if (request.method === "PATCH") sent.push(request.headers.get("If-Match"));
    });
    const { user, row } = await setup();
    const seen = fakeApiJobs().find((job) => job.id === 2)?.updated_at;
    await user.click(await row.findByRole("button", { name: /^Status of job-00002/ }));
    changedElsewhere();
    await user.click(screen.getByRole("menuitemradio", { name: "Cancelled" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      'Changed by someone else: now Failed. "job-00002" was not set to Cancelled.',
    );
    expect(sent).toEqual([`"${seen}"`]);
    expect(row.getByRole("button", { name: "Status of job-00002: Failed" })).toBeInTheDocument();
    expect(fakeApiJobs().find((job) => job.id === 2)?.current_status).toBe("FAILED");
    server.events.removeAllListeners();
  });

  it("keeps the job on a stale delete and shows it as the server has it", async () => {
    const { user, row } = await setup();
    await user.click(row.getByRole("button", { name: "Delete job-00002" }));
    changedElsewhere();
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }),
    );

    expect(await screen.findByRole("alert")).toHaveTextContent(
      'Changed by someone else: now Failed. "job-00002" was not deleted.',
    );
    expect(
      await screen.findByRole("button", { name: "Status of job-00002: Failed" }),
    ).toBeInTheDocument();
    expect(fakeApiJobs().some((job) => job.id === 2)).toBe(true);
  });
});

describe("create with an Idempotency-Key", () => {
  it("retries a failed submit with the same key, so one job is made", async () => {
    const keys: (string | null)[] = [];
    server.events.on("request:start", ({ request }) => {
      if (request.method === "POST") keys.push(request.headers.get("Idempotency-Key"));
    });
    // The first answer is lost after the server made the job (a timeout, a dropped connection).
    server.use(
      http.post(
        "/api/jobs/",
        ({ request }) => {
          fakeApiCreate("Nightly", request.headers.get("Idempotency-Key"));
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
    const { user } = await setup();
    const input = screen.getByRole("textbox", { name: "Job name" });
    await user.type(input, "Nightly");
    await user.click(screen.getByRole("button", { name: "Create job" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not create the job");
    await user.click(screen.getByRole("button", { name: "Create job" }));

    await waitFor(() => expect(input).toHaveValue(""));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(keys[1]).toBe(keys[0]);
    expect(fakeApiJobs().filter((job) => job.name === "Nightly")).toHaveLength(1);
    server.events.removeAllListeners();
  });

  it("uses a new key for the next job, even with the same name", async () => {
    const keys: (string | null)[] = [];
    server.events.on("request:start", ({ request }) => {
      if (request.method === "POST") keys.push(request.headers.get("Idempotency-Key"));
    });
    const { user } = await setup();
    const input = screen.getByRole("textbox", { name: "Job name" });
    for (let i = 0; i < 2; i++) {
      await user.type(input, "Twice");
      await user.click(screen.getByRole("button", { name: "Create job" }));
      await waitFor(() => expect(input).toHaveValue(""));
    }

    expect(new Set(keys).size).toBe(2);
    expect(fakeApiJobs().filter((job) => job.name === "Twice")).toHaveLength(2);
    server.events.removeAllListeners();
  });
});
