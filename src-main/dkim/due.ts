/**
 * When an active key is due: first seen active + N calendar months (Settings → DKIM rotation). Calendar months, not
 * 30-day blocks, so "every 6 months" from 31 August is 28/29 February, as a person reading a calendar expects.
 */
export function dueAt(firstSeenActiveAt: string, months: number): Date {
  const start = new Date(firstSeenActiveAt);
  const due = new Date(start);
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return due;
}

export function isDue(firstSeenActiveAt: string | null, months: number, now: Date): boolean {
  return firstSeenActiveAt !== null && dueAt(firstSeenActiveAt, months).getTime() <= now.getTime();
}

/** Whole days between two instants (the key's age in the calendar). */
export function wholeDays(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 86_400_000));
}
