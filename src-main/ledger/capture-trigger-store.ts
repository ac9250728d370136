import type { Database } from 'better-sqlite3';
import { SHARED_TABLES, sharedTable, type SharedRef, type SharedTable } from './shared-tables';

/**
 * Change capture without touching any service: AFTER INSERT/UPDATE/DELETE triggers on each shared table append one
 * row per change to `team_changes`, while `team_capture.capturing` is 1 (team mode, and not while this console
 * applies changes pulled from the team). The row carries the key, the old and new values as JSON objects (local-only
 * columns left out) and the console's operator, so the push can tell which fields changed and who changed them.
 *
 * The triggers exist only in team mode: team init and join install them (`installAllCaptureTriggers`), and a
 * single-user ledger has none (migration 024). They list the table's columns when they are installed: a later
 * migration that adds a column to a shared table calls `installCaptureTriggers` again for it when the ledger is
 * `inTeamMode` (a test checks every trigger covers every column).
 */
const CAPTURING = '(SELECT capturing FROM team_capture WHERE id = 1) = 1';
const OPERATOR = (field: 'name' | 'email') => `(SELECT json_extract(value_json, '$.${field}') FROM team_state WHERE key = 'operator')`;

export function triggerNames(table: SharedTable): string[] {
  return table.mode === 'append' ? [`team_capture_${table.name}_insert`] : ['insert', 'update', 'delete'].map((op) => `team_capture_${table.name}_${op}`);
}

export function sharedColumns(db: Database, table: SharedTable): string[] {
  const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table.name) as { name: string }[]).map((c) => c.name);
  if (cols.length === 0) throw new Error(`no table ${table.name}`);
  return cols.filter((c) => !(table.localOnly ?? []).includes(c));
}

/** The team's change this console had seen when the edit was made: what was changed after it, it had not seen. */
const BASE_SEQ = `COALESCE((SELECT CAST(value_json AS INTEGER) FROM team_state WHERE key = 'cursor'), 0)`;
const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The parent's columns that name it team-wide (its shared key unless the ref says otherwise). */
export function refColumns(ref: SharedRef): readonly string[] {
  return ref.by ?? sharedTable(ref.table).key;
}

/**
 * SQL for the team-wide value of `expr`, a column holding a parent's local id: the parent's key (a scalar, or a JSON
 * array for a key of several columns). json() keeps the array JSON when json_object embeds it (a sub-select loses
 * that). NULL when the id is NULL (or names no row).
 */
export function refSql(ref: SharedRef, expr: string): string {
  const by = refColumns(ref);
  const pick = by.length === 1 ? `p.${q(by[0]!)}` : `json_array(${by.map((c) => `p.${q(c)}`).join(', ')})`;
  const sub = `(SELECT ${pick} FROM ${q(ref.table)} p WHERE p."id" = ${expr})`;
  return by.length === 1 ? sub : `json(${sub})`;
}

/** A column's value as it travels: a ref is translated to its parent's key, anything else as it is. */
export function travelSql(table: SharedTable, col: string, expr: string): string {
  const ref = table.refs?.[col];
  return ref ? refSql(ref, expr) : expr;
}

function rowJson(table: SharedTable, cols: readonly string[], row: 'NEW' | 'OLD'): string {
  // json_object takes at most 127 pairs per call in some builds; shared tables are far below that.
  return `json_object(${cols.map((c) => `${lit(c)}, ${travelSql(table, c, `${row}.${q(c)}`)}`).join(', ')})`;
}
function keyJson(table: SharedTable, row: 'NEW' | 'OLD'): string {
  return `json_array(${table.key.map((c) => travelSql(table, c, `${row}.${q(c)}`)).join(', ')})`;
}
function where(table: SharedTable, row: 'NEW' | 'OLD'): string {
  return table.where ? ` AND (${table.where.replaceAll('$ROW', row)})` : '';
}

function insertChange(table: SharedTable, op: string, key: string, oldJson: string, newJson: string, cond = ''): string {
  return `INSERT INTO team_changes (table_name, key_json, op, old_json, new_json, operator_name, operator_email, base_seq)
    SELECT ${lit(table.name)}, ${key}, ${lit(op)}, ${oldJson}, ${newJson}, ${OPERATOR('name')}, ${OPERATOR('email')}, ${BASE_SEQ}${cond ? ` WHERE ${cond}` : ''};`;
}

export function captureTriggerSql(db: Database, table: SharedTable): string {
  const cols = sharedColumns(db, table);
  const t = q(table.name);
  const [ins, upd, del] = triggerNames(table).map(q);
  if (table.mode === 'append') {
    // Re-read the row: another AFTER INSERT trigger (the audit's operator) may have filled columns of it.
    // The operator columns of an audit row are filled by their own trigger, which may run after this one.
    const value = (c: string) =>
      c === 'operator_name' || c === 'operator_email'
        ? `COALESCE(r.${q(c)}, ${OPERATOR(c === 'operator_name' ? 'name' : 'email')})`
        : travelSql(table, c, `r.${q(c)}`);
    const sel = `SELECT json_object(${cols.map((c) => `${lit(c)}, ${value(c)}`).join(', ')}) FROM ${t} r WHERE r.rowid = NEW.rowid`;
    return `CREATE TRIGGER ${ins} AFTER INSERT ON ${t} WHEN ${CAPTURING}${where(table, 'NEW')}
  BEGIN ${insertChange(table, 'append', 'NULL', 'NULL', `(${sel})`)} END;`;
  }
  const changed = cols.map((c) => `OLD.${q(c)} IS NOT NEW.${q(c)}`).join(' OR ');
  const recorded = table.localUpdate ? ` AND NOT (${table.localUpdate})` : '';
  const sameKey = table.key.map((c) => `OLD.${q(c)} IS NEW.${q(c)}`).join(' AND ');
  return [
    `CREATE TRIGGER ${ins} AFTER INSERT ON ${t} WHEN ${CAPTURING}${where(table, 'NEW')}
  BEGIN ${insertChange(table, 'insert', keyJson(table, 'NEW'), 'NULL', rowJson(table, cols, 'NEW'))} END;`,
    // A key that changes is the old row deleted and the new one inserted, as another console sees it.
    `CREATE TRIGGER ${upd} AFTER UPDATE ON ${t} WHEN ${CAPTURING} AND (${changed})${recorded}${where(table, 'NEW')}
  BEGIN
    ${insertChange(table, 'update', keyJson(table, 'NEW'), rowJson(table, cols, 'OLD'), rowJson(table, cols, 'NEW'), sameKey)}
    ${insertChange(table, 'delete', keyJson(table, 'OLD'), rowJson(table, cols, 'OLD'), 'NULL', `NOT (${sameKey})`)}
    ${insertChange(table, 'insert', keyJson(table, 'NEW'), 'NULL', rowJson(table, cols, 'NEW'), `NOT (${sameKey})`)}
  END;`,
    `CREATE TRIGGER ${del} AFTER DELETE ON ${t} WHEN ${CAPTURING}${where(table, 'OLD')}
  BEGIN ${insertChange(table, 'delete', keyJson(table, 'OLD'), rowJson(table, cols, 'OLD'), 'NULL')} END;`,
  ].join('\n');
}

/** (Re)creates the capture triggers of `tables`, inside the caller's transaction. */
export function installCaptureTriggers(db: Database, tables: readonly SharedTable[]): void {
  for (const table of tables) {
    dropCaptureTriggers(db, [table]);
    db.exec(captureTriggerSql(db, table));
  }
}

export function dropCaptureTriggers(db: Database, tables: readonly SharedTable[]): void {
  for (const table of tables) for (const name of triggerNames(table)) db.exec(`DROP TRIGGER IF EXISTS ${q(name)}`);
}

/**
 * Team mode: team init or join turned capture on. It is off again only for a moment, while pulled changes are applied
 * (`applying`), and never in a single-user ledger.
 */
export function inTeamMode(db: Database): boolean {
  const row = db.prepare('SELECT capturing, applying FROM team_capture WHERE id = 1').get() as { capturing: number; applying: number } | undefined;
  return row !== undefined && (row.capturing === 1 || row.applying === 1);
}

/**
 * Every shared table's capture triggers, for team mode's start (team init and join, `TeamStore.startCapture`). A
 * single-user ledger has none: a trigger costs each row written to its table even when its WHEN is false (SQLite
 * enters the trigger's program before it tests WHEN). On `dmarc_rows` that was ~20 % of a DMARC import's copy
 * (issue #17, P3).
 */
export function installAllCaptureTriggers(db: Database): void {
  installCaptureTriggers(db, SHARED_TABLES);
}
