import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { JobStatusMenu } from "@/features/jobs/components/job-status-menu";
import { makeJob } from "@/testing/job-factory";

function setup() {
  const onChange = vi.fn();
  const job = makeJob(7, { name: "seismic-7", current_status: "RUNNING" });
  render(<JobStatusMenu job={job} onChange={onChange} />);
  const trigger = screen.getByRole("button", { name: "Status of seismic-7: Running" });
  return { onChange, job, trigger, user: userEvent.setup() };
}

describe("JobStatusMenu", () => {
  it("is a menu button on the badge", () => {
    const { trigger } = setup();
    expect(trigger).toHaveAttribute("aria-haspopup", "menu");
    expect(trigger).toHaveAttribute("aria-expanded", "false");
    expect(trigger).toHaveTextContent("Running");
  });

  it("never changes the status on arrow keys or PageDown, only on Enter", async () => {
    const { onChange, job, trigger, user } = setup();
    trigger.focus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowUp}{PageDown}");
    expect(onChange).not.toHaveBeenCalled();

    await user.keyboard("{Home}{ArrowDown}{ArrowDown}{ArrowDown}{Enter}");
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(job, "FAILED");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });

  it("closes on Escape without a change, focus back on the badge", async () => {
    const { onChange, trigger, user } = setup();
    trigger.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await user.keyboard("{ArrowDown}{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
    expect(onChange).not.toHaveBeenCalled();
  });

  it("choosing the current status again sends nothing", async () => {
    const { onChange, trigger, user } = setup();
    await user.click(trigger);
    await user.click(screen.getByRole("menuitemradio", { name: "Running" }));
    expect(onChange).not.toHaveBeenCalled();
  });
});
