/**
 * Postmark stamps times in US Eastern with an explicit offset and 7 fractional digits,
 * e.g. `2025-01-01T10:00:00.0000000-05:00`. A fixed -05:00 is enough for tests (no DST rules).
 */
const OFFSET_MINUTES = -5 * 60;

export function postmarkTimestamp(date: Date): string {
  const shifted = new Date(date.getTime() + OFFSET_MINUTES * 60_000);
  const base = shifted.toISOString().slice(0, 19);
  const fraction = String(shifted.getUTCMilliseconds()).padStart(3, '0').padEnd(7, '0');
  return `${base}.${fraction}-05:00`;
}

/**
 * Parses a `fromdate`/`todate` filter. Values without an offset are Eastern time, as on Postmark;
 * a bare date as `todate` means the end of that day.
 */
export function parseFilterDate(raw: string, endOfDay: boolean): number | undefined {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const time = endOfDay ? 'T23:59:59.999' : 'T00:00:00';
    return Date.parse(`${text}${time}-05:00`);
  }
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasOffset ? text : `${text}-05:00`);
  return Number.isNaN(ms) ? undefined : ms;
}
