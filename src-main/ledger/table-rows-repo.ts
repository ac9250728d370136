import type { Db } from './open';

/**
 * Whole-table reads and inserts for export/import (issue #20). Only owner stores call these, each for its own
 * tables: the backup feature composes the owners' named functions and never names a table itself.
 */
export type Cell = string | number | null;
export type TableRows = { name: string; columns: string[]; rows: Cell[][] };

/** Column names in table order: the export's stable shape (a new migration's column is appended, as SQLite does). */
export function tableColumns(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
}

/** Every row of one table in a stable order (`orderBy`: its key), optionally filtered by the owner's `where`. */
export function readTable(db: Db, table: string, orderBy: string, where = ''): TableRows {
  const columns = tableColumns(db, table);
  const sql = `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ${where ? `WHERE ${where}` : ''} ORDER BY ${orderBy}`;
  const rows = db.prepare(sql).raw().all() as Cell[][];
  return { name: table, columns, rows };
}

/** Inserts rows as given (ids included, so references between tables stay whole). The caller holds the transaction. */
export function insertTable(db: Db, t: TableRows): void {
  const known = new Set(tableColumns(db, t.name));
  const unknown = t.columns.filter((c) => !known.has(c));
  if (unknown.length) throw new Error(`${t.name}: unknown column(s) ${unknown.join(', ')}`);
  if (!t.rows.length) return;
  const stmt = db.prepare(`INSERT INTO ${quote(t.name)} (${t.columns.map(quote).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
  for (const row of t.rows) stmt.run(...row);
}

export function countRows(db: Db, table: string, where = ''): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${quote(table)} ${where ? `WHERE ${where}` : ''}`).get() as { n: number }).n;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Does the database hold this table? Only for telling a Behalf ledger from another SQLite file (a snapshot to restore). */
export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** One table as its owner exports it: the order rows are written in, and which rows count as the user's. */
export interface TableSpec {
  name: string;
  orderBy: string;
  where?: string;
}

/** An owner's export/import pair over its own tables (issue #20): the backup feature composes these. */
export interface OwnedTables {
  names: readonly string[];
  exportRows(db: Db): TableRows[];
  /** Inserts the given tables (only this owner's); the caller holds the write transaction. */
  importRows(db: Db, tables: readonly TableRows[]): void;
  rowCount(db: Db): number;
}

export function ownedTables(specs: readonly TableSpec[]): OwnedTables {
  const names = specs.map((s) => s.name);
  return {
    names,
    exportRows: (db) => specs.map((s) => readTable(db, s.name, s.orderBy, s.where)),
    importRows(db, tables) {
      for (const s of specs) {
        const t = tables.find((x) => x.name === s.name);
        if (t) insertTable(db, t);
      }
    },
    rowCount: (db) => specs.reduce((n, s) => n + countRows(db, s.name), 0),
  };
}
