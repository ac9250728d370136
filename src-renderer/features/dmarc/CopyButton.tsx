import { useState } from 'react';

/** Copies `value` exactly; says "Copied" briefly so the click is visibly done. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    // navigator.clipboard exists only in secure contexts (127.0.0.1 and Electron qualify).
    void navigator.clipboard?.writeText(value).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    }, () => undefined);
  };
  return <button className="btn small" onClick={copy} aria-label={`${label}: ${value.slice(0, 60)}`}>{copied ? 'Copied' : label}</button>;
}

/** A DNS record as name / type / value rows, each copyable. */
export function TxtRecordView({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <div className="txt-record">
      <div className="txt-row"><span className="muted">Name</span><code className="mono">{name}</code><CopyButton value={name} label="Copy name" /></div>
      <div className="txt-row"><span className="muted">Type</span><code className="mono type">TXT</code><span /></div>
      <div className="txt-row"><span className="muted">Value</span><code className="mono" data-testid="txt-value">{value}</code><CopyButton value={value} label="Copy value" /></div>
      {note && <div className="muted small">{note}</div>}
    </div>
  );
}
