import { BehalfError } from '../../src-preload/api/errors';

/** UTC calendar days as YYYY-MM-DD: the unit every DMARC query and chart uses. */

const DAY_MS = 86_400_000;

/** Midnight UTC of `day` in epoch milliseconds; throws `dmarc.bad-date` for anything but a real YYYY-MM-DD. */
export function parseDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || formatDay(ms) !== day) {
    throw new BehalfError('dmarc.bad-date', `"${day}" is not a date like 2025-03-01.`, 'Use the YYYY-MM-DD form.');
  }
  return ms;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

export interface PeriodBounds {
  /** Inclusive lower bound, Unix seconds. */
  fromTs: number;
  /** Exclusive upper bound, Unix seconds (the day after `to`). */
  toTs: number;
}

/**
 * A report belongs to the day its range begins (reports mostly cover one UTC day). `from`/`to` are both
 * inclusive; either may be left out. Throws when `from` is after `to`.
 */
export function periodBounds(from?: string, to?: string): PeriodBounds {
  const fromTs = from ? parseDay(from) / 1000 : Number.MIN_SAFE_INTEGER;
  const toTs = to ? addDays(parseDay(to), 1) / 1000 : Number.MAX_SAFE_INTEGER;
  if (fromTs >= toTs) {
    throw new BehalfError('dmarc.bad-period', `The period starts (${from}) after it ends (${to}).`, 'Swap the dates.');
  }
  return { fromTs, toTs };
}

/** Every day from `first` to `last` inclusive (YYYY-MM-DD), or [] if that would exceed `max` days. */
export function daysBetween(first: string, last: string, max = 3700): string[] {
  const out: string[] = [];
  const end = parseDay(last);
  for (let ms = parseDay(first); ms <= end; ms = addDays(ms, 1)) {
    if (out.length >= max) return [];
    out.push(formatDay(ms));
  }
  return out;
}
