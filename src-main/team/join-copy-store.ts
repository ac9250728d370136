import type { Db } from '../ledger/open';
import { writeTransaction } from '../ledger/write-transaction';
import { refColumns, travelSql } from '../ledger/capture-trigger-store';
import { SHARED_TABLES, sharedTable, type SharedTable } from '../ledger/shared-tables';
import type { TeamStore } from './team-store';

/**
 * The shared tables as a join found them, kept in team_state while the join copies: what the join must put back
 * when it is cancelled, fails, or is cut off by a crash. Append tables: the last rowid before (later rows are the
 * join's). Row tables: every row they held (usually none; a fresh console has a few settings or seeds).
 */
export interface JoinCheckpoint {
  tables: { name: string; maxRowid?: number; rows?: Record<string, unknown>[] }[];
  sequences: { name: string; seq: number }[];
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/**
 * Publishing and joining, the local side: the shared rows a publish sends (paged by key), what a join must be able
 * to undo (its checkpoint, and the undo itself), and the copy's speed-ups (deferred history indexes, a wider page
 * cache). The change log, applying and conflicts stay with TeamStore.
 */
export class JoinCopyStore {
  constructor(
    private readonly db: Db,
    private readonly team: TeamStore,
  ) {}

  /**
   * Every shared row of `table` with its key, a page at a time, for publishing this ledger as the team's. Paged by
   * the table's key (WITHOUT ROWID tables have no rowid); history tables by rowid, which also names them. A page
   * starts after the previous page's last key (`after`, this console's own values), never at an OFFSET: publishing a
   * million DMARC rows reads each once instead of skipping again over all those before it for every page.
   */
  sharedRows(
    table: SharedTable,
    after: readonly unknown[] | null,
    limit: number,
  ): { rows: { keyJson: string; row: Record<string, unknown> }[]; last: unknown[] | null } {
    const cols = this.team.cols(table);
    const order = table.mode === 'append' ? ['r.rowid'] : table.key.map((k) => `r.${q(k)}`);
    const conditions = table.where ? [table.where.replaceAll('$ROW.', 'r.')] : [];
    if (after) conditions.push(`(${order.join(', ')}) > (${order.map(() => '?').join(', ')})`);
    const where = conditions.length ? ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : '';
    // Refs travel as their parent's key, as the capture triggers send them (a JSON array comes back as text).
    const list = cols.map((c) => `${travelSql(table, c, `r.${q(c)}`)} AS ${q(c)}`).join(', ');
    const keys = order.map((o, i) => `${o} AS _k${i}`).join(', ');
    const rows = this.db
      .prepare(`SELECT ${keys}, ${list} FROM ${q(table.name)} r${where} ORDER BY ${order.join(', ')} LIMIT ?`)
      .all(...(after ?? []), limit) as Record<string, unknown>[];
    for (const row of rows)
      for (const [col, ref] of Object.entries(table.refs ?? {}))
        if (refColumns(ref).length > 1 && typeof row[col] === 'string') row[col] = JSON.parse(row[col] as string) as unknown;
    const lastRow = rows[rows.length - 1];
    const keysOf = (row: Record<string, unknown>) => order.map((_, i) => row[`_k${i}`]);
    return {
      rows: rows.map((raw) => {
        const row = Object.fromEntries(Object.entries(raw).filter(([c]) => !/^_k\d+$/.test(c)));
        return { keyJson: JSON.stringify(table.mode === 'append' ? [`published-${String(raw._k0)}`] : table.key.map((k) => row[k])), row };
      }),
      last: lastRow ? keysOf(lastRow) : null,
    };
  }

  /** How many shared rows publishing sends (the total of its progress). */
  sharedRowCount(): number {
    let n = 0;
    for (const table of SHARED_TABLES) {
      const where = table.where ? ` WHERE ${table.where.replaceAll('$ROW.', '')}` : '';
      n += (this.db.prepare(`SELECT count(*) AS n FROM ${q(table.name)}${where}`).get() as { n: number }).n;
    }
    return n;
  }

  joinCheckpoint(): JoinCheckpoint {
    const tables = SHARED_TABLES.map((table) => {
      if (table.mode === 'append')
        return { name: table.name, maxRowid: (this.db.prepare(`SELECT max(rowid) AS m FROM ${q(table.name)}`).get() as { m: number | null }).m ?? 0 };
      const where = table.where ? ` WHERE ${table.where.replaceAll('$ROW.', '')}` : '';
      return { name: table.name, rows: this.db.prepare(`SELECT * FROM ${q(table.name)}${where}`).all() as Record<string, unknown>[] };
    });
    const names = SHARED_TABLES.map((t) => t.name);
    const sequences = this.db.prepare(`SELECT name, seq FROM sqlite_sequence WHERE name IN (${names.map(() => '?').join(', ')})`).all(...names) as {
      name: string;
      seq: number;
    }[];
    return { tables, sequences };
  }

  /**
   * Undoes a join in one transaction, capture off: rows the join added are deleted (children first), rows it
   * overwrote get their old values back, AUTOINCREMENT counters are reset, and the checkpoint is dropped.
   */
  rollbackJoin(cp: JoinCheckpoint): void {
    this.team.muted(() => {
      for (const saved of [...cp.tables].reverse()) {
        const table = sharedTable(saved.name);
        if (saved.maxRowid !== undefined) {
          this.db.prepare(`DELETE FROM ${q(table.name)} WHERE rowid > ?`).run(saved.maxRowid);
          continue;
        }
        const where = table.where ? table.where.replaceAll('$ROW.', '') : '1';
        const rows = saved.rows ?? [];
        if (rows.length === 0) {
          this.db.prepare(`DELETE FROM ${q(table.name)} WHERE ${where}`).run();
          continue;
        }
        const keyOf = (r: Record<string, unknown>) => JSON.stringify(table.key.map((k) => r[k]));
        const keep = new Set(rows.map(keyOf));
        const keyWhere = table.key.map((k) => `${q(k)} = ?`).join(' AND ');
        const del = this.db.prepare(`DELETE FROM ${q(table.name)} WHERE ${keyWhere}`);
        const now = this.db.prepare(`SELECT ${table.key.map(q).join(', ')} FROM ${q(table.name)} WHERE ${where}`).all() as Record<string, unknown>[];
        for (const r of now) if (!keep.has(keyOf(r))) del.run(...table.key.map((k) => r[k]));
        const names = Object.keys(rows[0]!);
        const rest = names.filter((n) => !table.key.includes(n) && !(table.localOnly ?? []).includes(n));
        const put = this.db.prepare(
          `INSERT INTO ${q(table.name)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})` +
            (rest.length
              ? ` ON CONFLICT(${table.key.map(q).join(', ')}) DO UPDATE SET ${rest.map((n) => `${q(n)} = excluded.${q(n)}`).join(', ')}`
              : ' ON CONFLICT DO NOTHING'),
        );
        for (const r of rows) put.run(...names.map((n) => r[n]));
      }
      const before = new Map(cp.sequences.map((x) => [x.name, x.seq]));
      for (const table of SHARED_TABLES) {
        const seq = before.get(table.name);
        if (seq === undefined) this.db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table.name);
        else this.db.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(seq, table.name);
      }
      this.team.setState('joining', undefined);
    });
  }

  /**
   * While a join copies into an empty ledger, the history tables' secondary indexes (a million DMARC rows' three)
   * are dropped and made again once the rows are in: building an index over a million rows is several times faster
   * than keeping it ordered through a million inserts that arrive in the team's key order, not the index's. Their
   * definitions are kept in team_state in the same transaction, so a join cut off even by kill -9 gets them back
   * the next time the team service starts (restoreIndexes). Unique indexes stay: the copy's upserts rely on them.
   */
  deferIndexes(tables: readonly string[]): void {
    writeTransaction(this.db, () => {
      const kept = this.team.getState<string[]>('deferredIndexes') ?? [];
      const list = this.db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(tables)) as { name: string; sql: string }[];
      this.team.setState('deferredIndexes', [...kept, ...list.map((ix) => ix.sql)]);
      for (const ix of list) this.db.exec(`DROP INDEX ${q(ix.name)}`);
    });
  }

  /** Makes the indexes a join deferred (after its copy, or after a join that was cut off). */
  restoreIndexes(): void {
    const deferred = this.team.getState<string[]>('deferredIndexes');
    if (!deferred?.length) return;
    writeTransaction(this.db, () => {
      for (const sql of deferred) this.db.exec(sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
      this.team.setState('deferredIndexes', undefined);
    });
  }

  /** A page cache of `kib` on this connection until `restore()` (a join's copy; SQLite's default is 2 MB). */
  widenCache(kib: number): { restore(): void } {
    const before = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${-Math.round(kib)}`);
    return { restore: () => void this.db.pragma(`cache_size = ${before}`) };
  }

  /** Rows of shared data a console has before joining (a join copies into an empty ledger only). */
  hasSharedData(): boolean {
    return (this.db.prepare('SELECT EXISTS (SELECT 1 FROM tenants) AS x').get() as { x: number }).x === 1;
  }

  /** Every shared row, table by table in SHARED_TABLES order, a page at a time: what publishing sends. */
  async *publishBatches(): AsyncGenerator<{ table: string; keyJson: string; row: Record<string, unknown> }[]> {
    for (const table of SHARED_TABLES) {
      for (let after: unknown[] | null = null; ;) {
        const page = this.sharedRows(table, after, 1000);
        if (page.rows.length === 0) break;
        yield page.rows.map((r) => ({ table: table.name, keyJson: r.keyJson, row: r.row }));
        after = page.last;
      }
    }
  }
}
