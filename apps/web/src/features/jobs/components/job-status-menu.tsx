import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useState } from "react";

import styles from "@/features/jobs/components/job-status-menu.module.css";
import { StatusBadge } from "@/features/jobs/components/status-badge";
import { STATUS_LABELS, STATUSES, isStatus } from "@/features/jobs/status";
import type { Job, StatusType } from "@/features/jobs/types";

/** Props of {@link JobStatusMenu}. */
export interface JobStatusMenuProps {
  job: Job;
  /**
   * Called once per explicit choice (Enter, Space or a click on another status), with the job as
   * it was when the menu opened: its version is what the user decided on.
   */
  onChange: (job: Job, status: StatusType) => void;
}

/**
 * The job's status badge as a menu button ("Status of <name>: Running", `aria-haspopup="menu"`)
 * opening the statuses as radio items (Radix DropdownMenu; the menu is labelled by the button).
 *
 * ⚠️ Arrow keys only open the menu and move between its items; a status changes on an explicit
 * choice, never on arrow navigation (a per-row `<select>` used to PATCH on every ArrowDown).
 * ⚠️ The job is captured when the menu opens: a live update arriving while it is open still makes
 * the choice a conflict (412) rather than an overwrite of a change the user never saw.
 */
export function JobStatusMenu({ job, onChange }: JobStatusMenuProps) {
  const current = job.current_status;
  const [seen, setSeen] = useState(job);
  return (
    // Not modal: no scroll lock or inert page while open (the list scrolls with the window).
    <DropdownMenu.Root
      modal={false}
      onOpenChange={(open) => {
        if (open) setSeen(job);
      }}
    >
      <DropdownMenu.Trigger
        className={styles.trigger}
        aria-label={`Status of ${job.name}: ${current ? STATUS_LABELS[current] : "No status"}`}
      >
        <StatusBadge status={current} />
        <span className={styles.caret} aria-hidden="true">
          ▾
        </span>
      </DropdownMenu.Trigger>
      {/* Into <main>, not <body>: the open menu stays inside the page's landmarks. */}
      <DropdownMenu.Portal container={document.querySelector("main")}>
        <DropdownMenu.Content
          className={styles.menu}
          align="start"
          sideOffset={4}
          collisionPadding={8}
        >
          <DropdownMenu.RadioGroup
            value={current ?? ""}
            onValueChange={(value) => {
              if (isStatus(value) && value !== current) onChange(seen, value);
            }}
          >
            {STATUSES.map((status) => (
              <DropdownMenu.RadioItem key={status} value={status} className={styles.item}>
                <span className={styles.check} aria-hidden="true">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                {STATUS_LABELS[status]}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
