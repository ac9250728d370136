import { useEffect, useState } from 'react';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const valid = (v: string) => ISO.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/**
 * A date typed and shown as YYYY-MM-DD, like every date in the console. `<input type="date">` shows the browser
 * locale instead (mm/dd/yyyy in an en-US Chromium). The value reaches the parent only when it is a real date or
 * empty, so half-typed dates never filter anything.
 */
export function IsoDateInput({ value, onChange, label, min, max }: { value: string; onChange(v: string): void; label: string; min?: string; max?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const bad = text !== '' && (!valid(text) || (min !== undefined && min !== '' && text < min) || (max !== undefined && max !== '' && text > max));
  return (
    <input
      className="input date-iso"
      inputMode="numeric"
      placeholder="YYYY-MM-DD"
      aria-label={label}
      aria-invalid={bad || undefined}
      title={bad ? 'Use YYYY-MM-DD, e.g. 2026-03-01' : undefined}
      value={text}
      maxLength={10}
      onChange={(e) => {
        const v = e.target.value.trim();
        setText(v);
        if (v === '' || valid(v)) onChange(v);
      }}
    />
  );
}
