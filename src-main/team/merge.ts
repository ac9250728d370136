import type { SharedTable } from '../ledger/shared-tables';

/** One change as a console recorded it (see migration 017's team_changes). */
export interface LocalChange {
  changeId: string;
  table: string;
  keyJson: string | null;
  op: 'insert' | 'update' | 'delete' | 'append';
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
  force: boolean;
  /** The last team change this console had pulled when the edit was made. */
  baseSeq: number;
  consoleId: string;
  operatorName: string | null;
  operatorEmail: string | null;
  madeAt: string;
}

export interface FieldMeta {
  by: string | null;
  at: string;
  /** The change that set it, and the console that made it. */
  seq: number;
  console: string;
}

/** A shared row as the server holds it. */
export interface ServerRow {
  row: Record<string, unknown>;
  deleted: boolean;
  meta: Record<string, FieldMeta>;
}

/** An edit the server refused because someone else's edit of the same thing reached it first. */
export interface Conflict {
  kind: 'field' | 'deleted-theirs' | 'edited-theirs';
  field: string | null;
  mine: unknown;
  theirs: unknown;
  theirOperator: string | null;
  theirAt: string | null;
}

/** What the server does with a change: the row it then holds, the fields others apply, the conflicts. */
export interface Decision {
  effect: 'upsert' | 'update' | 'delete' | 'append' | 'none';
  fields: Record<string, unknown> | null;
  next: ServerRow | null;
  conflicts: Conflict[];
}

/** JSON equality of two column values (numbers, strings, null). */
export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function stamp(meta: Record<string, FieldMeta>, fields: readonly string[], c: LocalChange, seq: number): Record<string, FieldMeta> {
  const out = { ...meta };
  for (const f of fields) out[f] = { by: c.operatorName, at: c.madeAt, seq, console: c.consoleId };
  return out;
}

/** Someone else set this after the editing console last pulled: the edits were made apart. */
const unseen = (m: FieldMeta | undefined, c: LocalChange) => !!m && m.seq > c.baseSeq && m.console !== c.consoleId;

/**
 * The rule of issue #19 item 3: per row and field, the first edit to reach the server wins. A change carries the last
 * team change its console had seen (`baseSeq`); a field another console set after that, to another value, is a
 * conflict (even if it was set back and forth meanwhile), and the rest of the change applies.
 * A delete of a row someone edited meanwhile, or an edit of a row someone deleted, is a conflict too. `force` (the
 * "apply mine" of a conflict) applies without those checks.
 */
export function decide(table: SharedTable, c: LocalChange, current: ServerRow | null, seq: number): Decision {
  const none: Decision = { effect: 'none', fields: null, next: null, conflicts: [] };
  const live = current && !current.deleted ? current : null;
  const ruled = (f: string) => !table.key.includes(f) && !(table.quiet ?? []).includes(f) && !(f in (table.followers ?? {}));
  const whole = (row: Record<string, unknown>): Decision => ({
    effect: 'upsert',
    fields: row,
    next: { row, deleted: false, meta: stamp(current?.meta ?? {}, Object.keys(row), c, seq) },
    conflicts: [],
  });

  if (c.op === 'append') return { effect: 'append', fields: c.new, next: { row: c.new ?? {}, deleted: false, meta: {} }, conflicts: [] };

  if (c.op === 'delete') {
    if (!live) return none;
    const edited = Object.keys(live.row).filter((f) => ruled(f) && unseen(live.meta[f], c));
    if (edited.length && !c.force) {
      const last = edited
        .map((f) => live.meta[f])
        .filter((m): m is FieldMeta => !!m)
        .sort((a, b) => b.at.localeCompare(a.at))[0];
      return {
        ...none,
        conflicts: [{ kind: 'edited-theirs', field: null, mine: null, theirs: live.row, theirOperator: last?.by ?? null, theirAt: last?.at ?? null }],
      };
    }
    return { effect: 'delete', fields: null, next: { row: live.row, deleted: true, meta: stamp(live.meta, [''], c, seq) }, conflicts: [] };
  }

  const mine = c.new ?? {};
  if (!live) {
    if (current?.deleted && c.op === 'update' && !c.force) {
      const gone = current.meta[''];
      return { ...none, conflicts: [{ kind: 'deleted-theirs', field: null, mine, theirs: null, theirOperator: gone?.by ?? null, theirAt: gone?.at ?? null }] };
    }
    return whole(mine);
  }
  if (c.force && c.op === 'insert') return whole({ ...live.row, ...mine });

  // An insert over a live row starts from nothing: every field it sets differently is someone else's first.
  const base = c.op === 'update' ? (c.old ?? {}) : {};
  const touched = Object.keys(mine).filter((f) => (c.op === 'insert' ? !same(live.row[f], mine[f]) : !same(base[f], mine[f])));
  const accepted: string[] = [];
  const conflicts: Conflict[] = [];
  for (const f of touched.filter(ruled)) {
    const ok = c.force || same(live.row[f], mine[f]) || (c.op === 'update' && !unseen(live.meta[f], c));
    if (ok) accepted.push(f);
    else
      conflicts.push({
        kind: 'field',
        field: f,
        mine: mine[f],
        theirs: live.row[f],
        theirOperator: live.meta[f]?.by ?? null,
        theirAt: live.meta[f]?.at ?? null,
      });
  }
  // Bookkeeping (updated_at) rides along only with a real edit that went through. An insert over a live row is the
  // same fact recorded twice (an alert both watch rounds raised, a job both consoles queued): the first record keeps
  // its quiet values (when it was first seen, its progress), the second adds nothing.
  const anyRuled = touched.some(ruled);
  if (c.op === 'update' && (!anyRuled || accepted.length)) for (const f of touched.filter((x) => (table.quiet ?? []).includes(x))) accepted.push(f);
  for (const [f, source] of Object.entries(table.followers ?? {}))
    if (touched.includes(f) && (accepted.includes(source) || !touched.includes(source))) accepted.push(f);
  const changed = accepted.filter((f) => !same(live.row[f], mine[f]));
  if (changed.length === 0) return { ...none, conflicts };
  const fields = Object.fromEntries(changed.map((f) => [f, mine[f]]));
  return {
    effect: 'update',
    fields,
    next: {
      row: { ...live.row, ...fields },
      deleted: false,
      meta: stamp(
        live.meta,
        changed.filter((f) => ruled(f)),
        c,
        seq,
      ),
    },
    conflicts,
  };
}
