import type { ReactNode } from 'react';

/** A labelled input row for the settings form; `hint` explains the value in a person's words. */
export function Field({ id, label, hint, wide, children }: { id: string; label: string; hint?: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="muted small-print">{hint}</span>}
    </div>
  );
}
