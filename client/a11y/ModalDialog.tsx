import { useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { focusables, keepTabInside } from './focusTrap';

export interface ModalDialogProps {
  className?: string;
  role?: 'dialog' | 'alertdialog';
  labelledBy: string;
  describedBy?: string;
  testId?: string;
  /** Esc, or a press on the backdrop. Without it the dialog can only be left from inside (a required answer). */
  onDismiss?(): void;
  children: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>` and `showModal()`: the page behind is inert, Tab and
 * Shift+Tab cycle through the dialog's controls, Esc or a press on the backdrop dismisses it, and
 * focus goes back to what had it before (the button that opened it) when it closes. The first
 * control marked `data-autofocus`, else the first control, has focus when it opens. The parent
 * shows and hides it by mounting and unmounting it.
 */
export function ModalDialog({ className, role, labelledBy, describedBy, testId, onDismiss, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;

  // A layout effect, so the cleanup runs while the dialog is still in the document: focus can then be
  // handed back before React removes it (a removed dialog leaves focus on the body).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Where showModal is missing (jsdom) the dialog is simply open.
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else dialog.setAttribute('open', '');
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(dialog)[0];
    first?.focus();
    // The browser's own Esc on a modal dialog: it closes through the parent's state instead.
    const onCancel = (event: Event) => {
      event.preventDefault();
      dismiss.current?.();
    };
    // Chromium closes a dialog anyway on a second Esc without a click or key between; a dialog that
    // must be answered opens again.
    const onClose = () => {
      if (!dismiss.current && dialog.isConnected && typeof dialog.showModal === 'function') dialog.showModal();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onClose);
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    // Keys typed in a dialog are the dialog's, not the board's shortcuts (useShortcuts listens on window).
    event.stopPropagation();
    // A dialog that must be answered: Esc makes no close request at all, rather than closing it for
    // a moment before it opens again (visible, and racy for anyone looking at it).
    if (event.key === 'Escape' && !dismiss.current) event.preventDefault();
    keepTabInside(event, event.currentTarget);
  };

  // A press on the backdrop reaches the dialog element itself, outside its box.
  const onPointerDown = (event: PointerEvent<HTMLDialogElement>) => {
    if (event.target !== event.currentTarget) return;
    const box = event.currentTarget.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) dismiss.current?.();
  };

  return (
    <dialog
      ref={ref}
      className={className}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    >
      {children}
    </dialog>
  );
}
