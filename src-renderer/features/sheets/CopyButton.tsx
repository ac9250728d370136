import { useEffect, useState } from 'react';

/** Copies one exact literal (a host or a value); says "Copied" for a moment so the click is visibly done. */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    // navigator.clipboard exists only in secure contexts (127.0.0.1 and Electron qualify).
    if (!navigator.clipboard) return setState('failed');
    navigator.clipboard.writeText(value).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <button type="button" className="btn small copy-btn" onClick={copy} aria-label={`Copy ${what}`} title={`Copy ${what}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

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
