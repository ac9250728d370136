import type { StoredConflict } from './team-store';

const show = (v: unknown) => (v === null || v === undefined ? 'nothing' : typeof v === 'string' ? v : JSON.stringify(v));
const fieldName = (f: string) => f.replace(/_json$/, '').replace(/_/g, ' ');
/** "10:14" in this console's time zone. */
export function clock(at: string | null): string {
  if (!at) return 'an unknown time';
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The sentence a conflict is shown as: "Jane set Acme's option to 2 at 10:14 while you were offline; yours was 1". */
export function conflictText(c: Pick<StoredConflict, 'kind' | 'field' | 'label' | 'mine' | 'theirs' | 'theirOperator' | 'theirAt'>): string {
  const who = c.theirOperator ?? 'Someone';
  if (c.kind === 'deleted-theirs') return `${who} deleted ${c.label} at ${clock(c.theirAt)} while you were offline; you had changed it.`;
  if (c.kind === 'edited-theirs') return `${who} changed ${c.label} at ${clock(c.theirAt)} while you were offline; you had deleted it.`;
  return `${who} set ${c.label}'s ${fieldName(c.field ?? '')} to ${show(c.theirs)} at ${clock(c.theirAt)} while you were offline; yours was ${show(c.mine)}.`;
}
