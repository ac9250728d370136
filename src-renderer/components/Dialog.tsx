import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal: Escape closes, focus starts inside, the backdrop click closes, and on close focus goes back to
 * what opened it (the button a person pressed), never to <body>. The effect runs once per dialog: parents pass
 * a new onClose each render, and re-running would pull focus back to the first field while someone types.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Handled here: the console's "Esc goes back" must not also leave the page.
      e.preventDefault();
      close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // After React commits, the opener may be re-rendered but is usually the same node; if it left, the page decides.
      setTimeout(() => { if (opener?.isConnected) opener.focus(); }, 0);
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
