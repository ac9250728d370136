import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal (WAI-ARIA dialog pattern): Escape closes, focus starts inside and Tab / Shift+Tab cycle within it, the backdrop click closes, and on close focus goes back to
 * what opened it (the button a person pressed), never to <body>. The effect runs once per dialog: parents pass
 * a new onClose each render, and re-running would pull focus back to the first field while someone types.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A field marked data-autofocus wins over whatever control comes first (a side button above a form).
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab') return keepFocusInside(e, ref.current);
      if (e.key !== 'Escape') return;
      // Handled here: the console's "Esc goes back" must not also leave the page.
      e.preventDefault();
      close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // After React commits, the opener may be re-rendered but is usually the same node; if it left, the page decides.
      setTimeout(() => {
        if (opener?.isConnected) opener.focus();
      }, 0);
    };
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close.current()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={ref}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first and Shift+Tab from the first to the last: the page behind is inert. */
function keepFocusInside(e: KeyboardEvent, dialog: HTMLElement | null) {
  if (!dialog) return;
  const stops = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden && el.getClientRects().length > 0);
  if (stops.length === 0) return;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  const inside = dialog.contains(document.activeElement);
  if (!inside || (e.shiftKey && document.activeElement === first) || (!e.shiftKey && document.activeElement === last)) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
}
