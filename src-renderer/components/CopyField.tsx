import { CopyButton } from './CopyButton';

/** A literal on one line with its copy button; long values wrap anywhere instead of overflowing. */
export function CopyField({ label, value, what }: { label: string; value: string; what: string }) {
  return (
    <div className="sheet-field">
      <span className="sheet-field-label">{label}</span>
      {value === '' ? <span className="muted">(leave empty)</span> : <code className="sheet-literal">{value}</code>}
      {value !== '' && <CopyButton value={value} what={what} />}
    </div>
  );
}
