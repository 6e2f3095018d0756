import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { fakeApiRequests, seedFakeApi } from "@/testing/fake-api";
import { makeJobs } from "@/testing/job-factory";
import { server } from "@/testing/msw-server";
import { renderWithProviders } from "@/testing/render-with-providers";

const posts = () => fakeApiRequests().filter((request) => request.startsWith("POST"));

async function setup() {
  seedFakeApi(makeJobs(3));
  const view = renderWithProviders("/");
  await screen.findByRole("link", { name: "job-00003" });
  return {
    ...view,
    input: screen.getByRole("textbox", { name: "Job name" }),
    submit: screen.getByRole("button", { name: "Create job" }),
  };
}

describe("JobCreateForm", () => {
  it.each([
    ["empty", "", "Enter a job name."],
    ["whitespace", "   ", "Enter a job name."],
    ["too long", "x".repeat(201), "at most 200 characters"],
  ])("refuses a %s name without sending a request", async (_case, name, message) => {
    const { user, input, submit } = await setup();
    await user.click(input);
    if (name) await user.paste(name);
    await user.click(submit);
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveFocus();
    expect(posts()).toHaveLength(0);
  });

  it("counts characters up to the limit", async () => {
    const { user, input } = await setup();
    await user.type(input, "abc");
    expect(screen.getByText("3/200")).toBeInTheDocument();
  });

  it.each([
    ["199 emoji", "😀".repeat(199), "199/200"],
    ["200 emoji", "😀".repeat(200), "200/200"],
    ["100 e + combining accent", "e\u0301".repeat(100), "200/200"],
    ["200 CJK ideographs", "漢𠀀".repeat(100), "200/200"],
  ])("counts %s as the API does and sends them", async (_case, name, counter) => {
    const { user, input, submit } = await setup();
    await user.click(input);
    await user.paste(name);
    expect(screen.getByText(counter)).toBeInTheDocument();
    expect(screen.getByText(counter)).not.toHaveClass(/counterOver/);
    await user.click(submit);

    expect(await screen.findByRole("link", { name })).toBeInTheDocument();
    expect(posts()).toHaveLength(1);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("refuses 201 emoji without sending a request", async () => {
    const { user, input, submit } = await setup();
    await user.click(input);
    await user.paste("😀".repeat(201));
    expect(screen.getByText("201/200")).toBeInTheDocument();
    await user.click(submit);
    expect(await screen.findByRole("alert")).toHaveTextContent("at most 200 characters");
    expect(posts()).toHaveLength(0);
  });

  it("creates a trimmed job, shows it at the top and returns focus to the input", async () => {
    const { user, input, submit } = await setup();
    await user.type(input, "  fluid run  ");
    await user.click(submit);

    const list = screen.getByRole("table", { name: "Jobs" });
    await within(list).findByRole("link", { name: "fluid run" });
    // Row 0 is the header row.
    expect(within(list).getAllByRole("row")[1]).toHaveTextContent("fluid run");
    expect(input).toHaveValue("");
    await waitFor(() => expect(input).toHaveFocus());
    expect(posts()).toHaveLength(1);
    // The new job is added to the cached page: the list is not refetched.
    expect(fakeApiRequests().filter((r) => r.startsWith("GET /api/jobs/?"))).toHaveLength(1);
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^Pending/ })).toHaveTextContent("2"),
    );
  });

  it("says so when the current filters hide the new job", async () => {
    seedFakeApi(makeJobs(3));
    const { user } = renderWithProviders("/?status=FAILED");
    await user.type(await screen.findByRole("textbox", { name: "Job name" }), "hidden job");
    await user.click(screen.getByRole("button", { name: "Create job" }));
    expect(
      await screen.findByText('Created "hidden job"; the current filters hide it.'),
    ).toBeVisible();
    expect(screen.queryByRole("link", { name: "hidden job" })).not.toBeInTheDocument();
  });

  it("shows the server's field error at the field", async () => {
    server.use(
      http.post("/api/jobs/", () =>
        HttpResponse.json(
          { detail: "Invalid input.", errors: { name: ["A job with this name is not allowed."] } },
          { status: 400 },
        ),
      ),
    );
    const { user, input, submit } = await setup();
    await user.type(input, "forbidden");
    await user.click(submit);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "A job with this name is not allowed.",
    );
    expect(input).toHaveValue("forbidden");
    expect(input).toHaveAccessibleDescription(/A job with this name is not allowed\./);
  });
});
