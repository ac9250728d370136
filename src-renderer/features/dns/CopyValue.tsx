import { CopyButton } from '../../components/CopyButton';

/** Names break after dots (not mid-label); long keys without dots still wrap anywhere via CSS. */
function breakable(value: string) {
  if (value.includes(' ') || !value.includes('.')) return value;
  const parts = value.split('.');
  return parts.map((p, i) =>
    i < parts.length - 1 ? (
      <span key={i}>
        {p}.<wbr />
      </span>
    ) : (
      <span key={i}>{p}</span>
    ),
  );
}

/** A value in monospace with a copy button: every value a customer must type can be copied exactly. */
export function CopyValue({ value, label }: { value: string | null; label: string }) {
  if (value === null || value === '') return <span className="muted">—</span>;
  return (
    <span className="dns-value">
      <code title={value}>{breakable(value)}</code>
      <CopyButton value={value} what={label} className="copy" />
    </span>
  );
}
