/** Small pure helpers shared by the inline SVG charts (no chart library: the charts are simple and few). */

/** A round axis maximum ≥ value (1, 2, 2.5, 5 × 10^n) so ticks read well. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

/** `count` evenly spaced ticks from 0 to max inclusive. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max / count) * i);
}

/** 1200 → "1.2k": axis labels must stay short. */
export function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(+n.toFixed(1));
}

/** Indexes of the x labels to draw so at most ~`max` appear, always including the last. */
export function labelIndexes(length: number, max = 8): Set<number> {
  const step = Math.max(1, Math.ceil(length / max));
  const out = new Set<number>();
  for (let i = 0; i < length; i += step) out.add(i);
  if (length > 0) {
    // The last label is always drawn; the regular one just before it would overlap it ("Nov 22Nov 23").
    const before = Math.floor((length - 1) / step) * step;
    if (before !== length - 1 && length - 1 - before < step) out.delete(before);
    out.add(length - 1);
  }
  return out;
}

/** "2025-03-01" → "Mar 1" (UTC, like the data). */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function percent(n: number, of: number): string {
  return of > 0 ? `${Math.round((n / of) * 100)}%` : '–';
}

/** Colours come from CSS variables so both themes style the charts. */
export const SERIES_COLOURS = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);
export const OTHER_COLOUR = 'var(--chart-other)';
