import { StatusChip } from './Status';

export interface CheckStep {
  id: string;
  state: 'ok' | 'failing' | 'unknown';
  label: string;
  detail: string;
  hint?: string;
}
const WORD = { ok: 'ok', failing: 'missing', unknown: 'not known' } as const;

/** A preflight as a checklist: each step's state in words, and its fix under it while it is not ok. */
export function CheckSteps({ steps, label }: { steps: readonly CheckStep[]; label: string }) {
  return (
    <ul className="checklist" aria-label={label}>
      {steps.map((s) => (
        <li key={s.id}>
          <StatusChip tone={s.state} label={WORD[s.state]} /> <strong>{s.label}</strong>: {s.detail}
          {s.hint && s.state !== 'ok' && <div className="muted small">{s.hint}</div>}
        </li>
      ))}
    </ul>
  );
}
