import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";

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

/**
 * A modal confirmation (`role="alertdialog"`), rendered while mounted. Focus starts on Cancel,
 * stays inside the dialog, Escape cancels, and focus returns to the opener when it closes.
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
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const afterConfirmRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const opener = document.activeElement;
    cancelRef.current?.focus();
    return () => {
      if (afterConfirmRef.current?.isConnected) afterConfirmRef.current.focus();
      else if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  function confirm() {
    afterConfirmRef.current = focusAfterConfirm?.() ?? null;
    onConfirm();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== "Tab" || !dialogRef.current) return;
    const buttons = Array.from(dialogRef.current.querySelectorAll("button:not(:disabled)"));
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (!(first instanceof HTMLElement) || !(last instanceof HTMLElement)) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className={styles.overlay}>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- the dialog owns Escape and the focus trap */}
      <div
        ref={dialogRef}
        className={styles.dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className={styles.title}>
          {title}
        </h2>
        <p id={`${id}-description`}>{description}</p>
        <div className={styles.actions}>
          <Button ref={cancelRef} onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={busy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
