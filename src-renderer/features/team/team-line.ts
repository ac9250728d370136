import type { TeamStatusView } from '../../../src-preload/api/team';

const clock = (iso: string) => {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return d.toLocaleString(undefined, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' });
};

/** The sidebar's team line (issue #19): "team: in sync", "team: 3 changes waiting", "team: offline since 10:14". */
export function teamLine(s: TeamStatusView): { text: string; tone: 'ok' | 'waiting' | 'offline' } | null {
  if (s.mode !== 'team') return null;
  const waiting = s.waiting === 1 ? '1 change waiting' : `${s.waiting} changes waiting`;
  if (s.offlineSince) return { text: `team: offline since ${clock(s.offlineSince)}${s.waiting ? ` · ${waiting}` : ''}`, tone: 'offline' };
  if (s.waiting) return { text: `team: ${waiting}`, tone: 'waiting' };
  return { text: 'team: in sync', tone: 'ok' };
}

export const formatTeamTime = (iso: string | null) => (iso ? clock(iso) : 'never');
