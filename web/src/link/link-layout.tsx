import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { LinkT } from '../i18n/link-texts.ts';
import { LANGUAGES, type Language } from '../i18n/texts.ts';
import './link-page.css';

/**
 * The frame of a link page: the product's name, the language menu and one card with the page's
 * heading (focused when the page's answer changes, so it is read out).
 */
export function LinkLayout(props: {
  brand: ReactNode;
  t: LinkT<'translation'>;
  lng: Language;
  onLanguage: (lng: Language) => void;
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}) {
  return (
    <div className="lp">
      <header className="lp-header">
        <div className="lp-bar">
          <p className="lp-brand">{props.brand}</p>
          <LanguageMenu t={props.t} lng={props.lng} onLanguage={props.onLanguage} />
        </div>
      </header>
      <main id="main" className="lp-main">
        <div className="lp-card">
          <h1 ref={props.headingRef} tabIndex={-1}>
            {props.title}
          </h1>
          {props.children}
        </div>
      </main>
    </div>
  );
}

/** The language menu (a menu button); each language is named in itself so anyone can find their own. */
function LanguageMenu({ t, lng, onLanguage }: { t: LinkT<'translation'>; lng: Language; onLanguage: (lng: Language) => void }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const closeAndFocus = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      closeAndFocus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      list[(at + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      list[e.key === 'Home' ? 0 : list.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="lp-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        className="lp-subtle"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span aria-hidden="true">文A</span>
        <span>
          <span className="lp-visually-hidden">{t('lang.prefix')}</span>
          {t(`lang.${lng}`)}
        </span>
      </button>
      {open && (
        <div ref={menuRef} id={menuId} className="lp-menu" role="menu" aria-label={t('lang.label')} onKeyDown={onMenuKey}>
          <div className="lp-menu-label" aria-hidden="true">
            {t('lang.label')}
          </div>
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              role="menuitem"
              lang={l}
              tabIndex={-1}
              aria-current={l === lng ? 'true' : undefined}
              onClick={() => {
                closeAndFocus();
                onLanguage(l);
              }}
            >
              {t(`lang.${l}`)}
              {l === lng ? ' ✓' : ''}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A page-level message: thanks and "already answered" are a status, the rest an alert. */
export function LinkAlert({ tone, role, title, children, outcome }: { tone: 'red' | 'green' | 'orange'; role: 'alert' | 'status'; title?: string; children: ReactNode; outcome?: string }) {
  return (
    <div className={`lp-alert ${tone}`} role={role} data-outcome={outcome}>
      {title && <div className="lp-alert-title">{title}</div>}
      <div>{children}</div>
    </div>
  );
}
