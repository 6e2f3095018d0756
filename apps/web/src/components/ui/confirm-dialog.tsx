import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useLayoutEffect, useRef, type MouseEvent } from "react";

import { Button } from "@/components/ui/button";
import styles from "@/components/ui/confirm-dialog.module.css";

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Disables the confirm button (e.g. while the request is in flight). */
  busy?: boolean;
  /**
   * Where focus goes after confirming, when the opener is about to disappear (e.g. the row of a
   * deleted job). Defaults to the opener.
   */
  focusAfterConfirm?: () => HTMLElement | null | undefined;
}

function keepFocus(event: MouseEvent<HTMLElement>) {
  event.preventDefault();
}

/**
 * A modal confirmation, open while mounted: Radix's `AlertDialog` (WAI-ARIA alertdialog). Focus
 * starts on Cancel, loops inside the dialog and lands on the dialog itself when its text is
 * clicked (never on `<body>`); Escape cancels wherever focus is; a click outside does nothing,
 * not even move focus;
 * focus returns to the opener when it closes.
 * ⚠️ Render it only while open: unmounting closes it.
 * ⚠️ Not the native `<dialog>`: after `showModal()` Tab past the last button leaves the page
 * (`document.activeElement` is `<body>` in headless Chromium), and jsdom has no `showModal()`.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  focusAfterConfirm,
}: ConfirmDialogProps) {
  const openerRef = useRef<Element | null>(null);
  const afterConfirmRef = useRef<HTMLElement | null>(null);

  // Before Radix moves focus into the dialog (its focus scope does so in a passive effect).
  useLayoutEffect(() => {
    openerRef.current = document.activeElement;
  }, []);

  function confirm() {
    afterConfirmRef.current = focusAfterConfirm?.() ?? null;
    onConfirm();
  }

  function restoreFocus(event: Event) {
    event.preventDefault();
    const opener = openerRef.current;
    const target = afterConfirmRef.current?.isConnected ? afterConfirmRef.current : opener;
    if (target instanceof HTMLElement && target.isConnected) target.focus();
  }

  return (
    <AlertDialog.Root open onOpenChange={(open) => open || onCancel()}>
      <AlertDialog.Portal>
        {/* A press on the backdrop would move focus to <body>: keep it where it is. */}
        <AlertDialog.Overlay className={styles.overlay} onMouseDown={keepFocus} />
        <AlertDialog.Content
          className={styles.dialog}
          aria-modal="true"
          onCloseAutoFocus={restoreFocus}
        >
          <AlertDialog.Title className={styles.title}>{title}</AlertDialog.Title>
          <AlertDialog.Description>{description}</AlertDialog.Description>
          <div className={styles.actions}>
            <AlertDialog.Cancel asChild>
              <Button>Cancel</Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog as a cancel. */}
            <Button variant="danger" onClick={confirm} disabled={busy}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
