/** Calendar days as YYYY-MM-DD strings. Postmark keeps stats by US Eastern day; Behalf asks in the same terms. */

/** Today in US Eastern (a fixed -05:00 like Postmark's timestamps; an hour off around DST changes nothing here). */
export function easternToday(nowMs: number = Date.now()): string {
  return new Date(nowMs - 5 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive, oldest first. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}
