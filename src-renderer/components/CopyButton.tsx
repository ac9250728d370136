import { useEffect, useState } from 'react';

/**
 * Copies one exact literal (a host, a value, a record); says "Copied" (or "Copy failed") for a moment so the
 * click is visibly done. `what` names the value for screen readers ("Copy value of record 1"); `label` is the
 * visible text.
 */
export function CopyButton({ value, what, label = 'Copy', className = '' }: { value: string; what: string; label?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    // navigator.clipboard exists only in secure contexts (127.0.0.1 and Electron qualify).
    if (!navigator.clipboard) return setState('failed');
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button type="button" className={`btn small copy-btn ${className}`.trim()} onClick={copy} aria-label={`Copy ${what}`} title={`Copy ${what}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
