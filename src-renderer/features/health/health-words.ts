import type { HealthVerdict, Trend } from '../../../src-preload/api/health';
import type { Tone } from '../../../src-preload/api/verdicts';

/** One word and tone per verdict, the same on the page, the tab and the CLI ("IN TROUBLE" there). */
export const VERDICT_VIEW: Record<HealthVerdict, { tone: Tone; word: string }> = {
  'in-trouble': { tone: 'failing', word: 'in trouble' },
  degrading: { tone: 'warning', word: 'degrading' },
  quiet: { tone: 'pending', word: 'quiet' },
  'no-data': { tone: 'unknown', word: 'no data' },
  ok: { tone: 'ok', word: 'healthy' },
};

/** An arrow plus words for screen readers: a rising rate is bad news, so "up" is named, not just drawn. */
export const TREND_VIEW: Record<NonNullable<Trend>, { arrow: string; words: string }> = {
  up: { arrow: '↑', words: 'rising' },
  down: { arrow: '↓', words: 'falling' },
  flat: { arrow: '→', words: 'steady' },
};

export const ratePct = (n: number | null): string => (n === null ? '–' : `${n.toFixed(n < 1 ? 2 : 1)}%`);

export function fetchedAge(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never fetched';
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 2) return 'fetched just now';
  if (minutes < 120) return `fetched ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `fetched ${hours} h ago` : `fetched ${Math.round(hours / 24)} days ago`;
}
