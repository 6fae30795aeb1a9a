import type { ReactNode, Ref } from 'react';

export interface DisclosureButtonProps {
  /** Whether the part it shows and hides is open (aria-expanded). */
  open: boolean;
  /** The id of the part it shows and hides (aria-controls). */
  controls: string;
  onToggle(open: boolean): void;
  className: string;
  testId: string;
  buttonRef?: Ref<HTMLButtonElement>;
  children: ReactNode;
}

/** A button that shows and hides another part of the page, announced as such (the WAI-ARIA disclosure pattern). */
export function DisclosureButton({ open, controls, onToggle, className, testId, buttonRef, children }: DisclosureButtonProps) {
  return (
    <button type="button" ref={buttonRef} className={className} data-testid={testId} aria-expanded={open} aria-controls={controls} onClick={() => onToggle(!open)}>
      {children}
    </button>
  );
}
