import type { ReactNode } from 'react';
import { ApiError } from '../app/client';

export function EmptyState({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h2>{title}</h2>
      {children}
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

/** Errors whose fix is in Settings: the box offers the way there instead of only naming it. */
const FIXED_IN_SETTINGS = new Set([
  'settings.vendor-identity-default',
  'sheet.send-not-configured',
  'sheet.send-no-token',
  'sheet.send-no-server',
  'sheet.send-from-not-confirmed',
  'sheet.send-unauthorized',
]);

/** An error's message in one line, for places too small for an ErrorBox (a banner, the palette, a note). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Shows what went wrong and, when main gave one, what to do about it (and a link when the fix is in Settings). */
export function ErrorBox({ error }: { error: unknown }) {
  const message = errorText(error);
  const hint = error instanceof ApiError ? error.hint : undefined;
  const toSettings = error instanceof ApiError && FIXED_IN_SETTINGS.has(error.code);
  return (
    <div className="error-box" role="alert">
      <div>{message}</div>
      {hint && <div className="hint">{hint}</div>}
      {toSettings && (
        <div>
          <a href="#/settings" className="btn small">
            Open Settings
          </a>
        </div>
      )}
    </div>
  );
}

/** A held-back action explained before anyone clicks it: what is missing, and the link that fixes it. */
export function GuardNote({ children }: { children: ReactNode }) {
  return (
    <div className="banner warn" role="note">
      {children} <a href="#/settings">Open Settings</a>
    </div>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div>
      {label && (
        <div className="muted" style={{ fontSize: 12, marginBottom: 3 }}>
          {label} — {done.toLocaleString()} / {total.toLocaleString()} ({pct}%)
        </div>
      )}
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={label}>
        <div style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
