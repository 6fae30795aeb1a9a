import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { DisclosureButton } from '../a11y/DisclosureButton';

/**
 * The header's secondary buttons. On wide screens they sit in the header as they are (the toggle is
 * hidden and the list is `display: contents`); on narrow ones they fold behind a "Menu" disclosure so
 * the header keeps to two rows. Choosing an item, Esc, or a tap elsewhere closes it. The language
 * switch is always its last item.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  // An item was chosen: what it opens (records, the display) takes over, so the menu gets out of the way.
  const onClick = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('button')) setOpen(false);
  };

  return (
    <div className="header-menu" ref={root} onKeyDown={onKeyDown}>
      <DisclosureButton open={open} controls={listId} onToggle={setOpen} className="header-menu-toggle" testId="header-menu-toggle" buttonRef={toggle}>
        {t('header.menu')}
      </DisclosureButton>
      <div id={listId} className="header-menu-items" data-open={open || undefined} onClick={onClick}>
        {children}
        <LanguageSwitch className="header-language" />
      </div>
    </div>
  );
}
