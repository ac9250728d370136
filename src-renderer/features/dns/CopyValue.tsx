import { useState } from 'react';

/** Names break after dots (not mid-label); long keys without dots still wrap anywhere via CSS. */
function breakable(value: string) {
  if (value.includes(' ') || !value.includes('.')) return value;
  const parts = value.split('.');
  return parts.map((p, i) => (i < parts.length - 1 ? <span key={i}>{p}.<wbr /></span> : <span key={i}>{p}</span>));
}

/** A value in monospace with a copy button: every value a customer must type can be copied exactly. */
export function CopyValue({ value, label }: { value: string | null; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  if (value === null || value === '') return <span className="muted">—</span>;
  const copy = () => {
    // navigator.clipboard exists only in secure contexts (127.0.0.1 and Electron qualify).
    const done = navigator.clipboard?.writeText(value);
    if (!done) return setState('failed');
    done.then(() => setState('copied'), () => setState('failed'));
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <span className="dns-value">
      <code title={value}>{breakable(value)}</code>
      <button type="button" className="btn small copy" onClick={copy} aria-label={`Copy ${label}`}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
    </span>
  );
}
