import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useRef } from "react";

import { Button } from "@/components/ui/button";
import styles from "@/features/jobs/components/job-actions-menu.module.css";
import type { JobRowActionsProps } from "@/features/jobs/components/job-row-actions";

/**
 * A row's actions in one compact menu button ("Actions for <name>", `aria-haspopup="menu"`,
 * Radix DropdownMenu: Enter, Space or ArrowDown open it, arrows move, Escape closes), for phone
 * widths where separate buttons do not fit beside the name.
 *
 * ⚠️ An item that opens a dialog runs once the menu has closed and focus is back on its button,
 * so the dialog returns focus there (not to the item, which is gone).
 */
export function JobActionsMenu({ job, onRequestDelete }: JobRowActionsProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  const afterClose = useRef<(() => void) | null>(null);
  return (
    // Not modal: no scroll lock or inert page while open (the list scrolls with the window).
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button
          ref={trigger}
          size="sm"
          variant="ghost"
          className={styles.trigger}
          aria-label={`Actions for ${job.name}`}
        >
          <span aria-hidden="true">⋯</span>
        </Button>
      </DropdownMenu.Trigger>
      {/* Into <main>, not <body>: the open menu stays inside the page's landmarks. */}
      <DropdownMenu.Portal container={document.querySelector("main")}>
        <DropdownMenu.Content
          className={styles.menu}
          align="end"
          sideOffset={4}
          collisionPadding={8}
          onCloseAutoFocus={(event) => {
            const run = afterClose.current;
            if (!run) return;
            afterClose.current = null;
            event.preventDefault();
            trigger.current?.focus();
            run();
          }}
        >
          <DropdownMenu.Item
            className={styles.item}
            onSelect={() => {
              afterClose.current = () => onRequestDelete(job);
            }}
          >
            Delete…
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
