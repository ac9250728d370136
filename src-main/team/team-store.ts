import type { Statement } from 'better-sqlite3';
import type { Db } from '../ledger/open';
import { writeTransaction } from '../ledger/write-transaction';
import { UNWITNESSED, type CommitWitness, type TouchedTenants } from '../core/commit-witness';
import type { Conflict, LocalChange } from './merge';
import { installAllCaptureTriggers, refColumns, sharedColumns } from '../ledger/capture-trigger-store';
import { SHARED_TABLES, sharedTable, type SharedRef, type SharedTable } from '../ledger/shared-tables';
import { listedTenant, tenantOf, type PulledChange, type StoredConflict } from './team-changes';

export type { PulledChange, StoredConflict } from './team-changes';

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const parse = (s: string | null) => (s === null ? null : JSON.parse(s));

/**
 * The local half of the team ledger: the change log the triggers fill, the console's team state, conflicts, and
 * applying the team's changes to the shared tables with capture switched off (so they are not sent back).
 * Table and column names in the SQL come from SHARED_TABLES and the tables' own columns, never from the wire.
 */
export class TeamStore {
  private readonly columns = new Map<string, string[]>();
  /** One prepared statement per table and shape of change: a pull of 50,000 DMARC rows prepares a handful. */
  private readonly statements = new Map<string, Statement>();

  /** `witness`: told around each commit (the tenant index follows the team's commits by it; see TenantIndex). */
  constructor(
    private readonly db: Db,
    private readonly witness: CommitWitness = UNWITNESSED,
  ) {}

  /** One write transaction; the outermost one is told to the witness with the tenants it touched. */
  private write<T>(fn: () => T, touched: (result: T) => TouchedTenants): T {
    if (this.db.inTransaction) return writeTransaction(this.db, fn);
    return this.witness.around(() => writeTransaction(this.db, fn), touched);
  }

  cols(table: SharedTable): string[] {
    let c = this.columns.get(table.name);
    if (!c) this.columns.set(table.name, (c = sharedColumns(this.db, table)));
    return c;
  }

  getState<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value_json FROM team_state WHERE key = ?').get(key) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  setState(key: string, value: unknown): void {
    this.write(
      () => this.putState(key, value),
      () => [],
    );
  }

  private putState(key: string, value: unknown): void {
    if (value === undefined) this.db.prepare('DELETE FROM team_state WHERE key = ?').run(key);
    else
      this.db
        .prepare('INSERT INTO team_state (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json')
        .run(key, JSON.stringify(value));
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /**
   * This console's id of the parent a ref names by its team key (null for null). A parent this console does not
   * have throws: the change is skipped and counted by applyPulled.
   */
  private localId(col: string, ref: SharedRef, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const by = refColumns(ref);
    const values = by.length === 1 ? [value] : Array.isArray(value) ? value : (JSON.parse(String(value)) as unknown[]);
    const row = this.stmt(`SELECT "id" AS id FROM ${q(ref.table)} WHERE ${by.map((c) => `${q(c)} IS ?`).join(' AND ')}`).get(...values) as
      { id: unknown } | undefined;
    if (!row) throw new Error(`${col}: no ${ref.table} row ${JSON.stringify(value)} on this console`);
    return row.id;
  }

  capturing(): boolean {
    return (this.db.prepare('SELECT capturing FROM team_capture WHERE id = 1').get() as { capturing: number }).capturing === 1;
  }

  /** Team mode on: the capture triggers go in, and from now on every write to a shared table is recorded. */
  startCapture(state: Record<string, unknown>): void {
    this.write(
      () => {
        for (const [k, v] of Object.entries(state)) this.putState(k, v);
        installAllCaptureTriggers(this.db);
        this.db.prepare('UPDATE team_capture SET capturing = 1 WHERE id = 1').run();
      },
      () => [],
    );
  }

  /**
   * Runs `fn` in one write transaction with capture off (restored to what it was before it returns). `touched`:
   * the tenants whose rows or tags it changed (by default: any).
   */
  muted<T>(fn: () => T, touched: (result: T) => TouchedTenants = () => 'all'): T {
    return this.write(() => {
      const was = this.capturing() ? 1 : 0;
      this.db.prepare('UPDATE team_capture SET capturing = 0, applying = 1 WHERE id = 1').run();
      try {
        return fn();
      } finally {
        this.db.prepare('UPDATE team_capture SET capturing = ?, applying = 0 WHERE id = 1').run(was);
      }
    }, touched);
  }

  waiting(limit: number): LocalChange[] {
    const rows = this.db
      .prepare(
        `SELECT change_id, table_name, key_json, op, old_json, new_json, force, base_seq, operator_name, operator_email, made_at
       FROM team_changes WHERE pushed_at IS NULL ORDER BY seq LIMIT ?`,
      )
      .all(limit) as Record<string, string | number | null>[];
    return rows.map((r) => ({
      changeId: String(r.change_id),
      table: String(r.table_name),
      keyJson: r.key_json === null ? null : String(r.key_json),
      op: r.op as LocalChange['op'],
      old: parse(r.old_json as string | null),
      new: parse(r.new_json as string | null),
      force: r.force === 1,
      baseSeq: Number(r.base_seq),
      consoleId: '',
      operatorName: r.operator_name as string | null,
      operatorEmail: r.operator_email as string | null,
      madeAt: String(r.made_at),
    }));
  }

  /** SQLite's data_version on the team's connection: moves when any other connection (or process) commits. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  waitingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM team_changes WHERE pushed_at IS NULL').get() as { n: number }).n;
  }

  /**
   * After the server answered a push: the changes are marked sent, each conflict recorded, and the server's value
   * of what conflicted is put back locally (capture off), so this console shows what the team sees until someone
   * chooses "apply mine".
   */
  recordPushed(results: readonly { change: LocalChange; conflicts: Conflict[] }[], at: string): void {
    this.muted(
      () => {
        const mark = this.db.prepare('UPDATE team_changes SET pushed_at = ? WHERE change_id = ? AND pushed_at IS NULL');
        const add = this.db.prepare(
          `INSERT OR IGNORE INTO team_conflicts (change_id, table_name, key_json, kind, field, label, mine_json, theirs_json, their_operator, their_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const { change, conflicts } of results) {
          mark.run(at, change.changeId);
          for (const c of conflicts) {
            const key = change.keyJson ?? '[]';
            add.run(
              change.changeId,
              change.table,
              key,
              c.kind,
              c.field,
              this.label(change.table, key, change.new ?? change.old),
              JSON.stringify(c.mine ?? null),
              JSON.stringify(c.theirs ?? null),
              c.theirOperator,
              c.theirAt,
              at,
            );
            this.restoreTheirs(change.table, key, c);
          }
        }
      },
      () =>
        results
          .flatMap(({ change, conflicts }) => (conflicts.length ? [tenantOf(change.table, change.keyJson ?? '[]', change.new ?? change.old)] : []))
          .filter((id) => id !== undefined),
    );
  }

  private restoreTheirs(tableName: string, keyJson: string, c: Conflict): void {
    const table = sharedTable(tableName);
    if (c.kind === 'field' && c.field) this.applyOne({ seq: 0, table: tableName, keyJson, effect: 'update', fields: { [c.field]: c.theirs } });
    else if (c.kind === 'deleted-theirs') this.applyOne({ seq: 0, table: tableName, keyJson, effect: 'delete', fields: null });
    else if (c.kind === 'edited-theirs' && c.theirs && typeof c.theirs === 'object')
      this.applyOne({ seq: 0, table: table.name, keyJson, effect: 'upsert', fields: c.theirs as Record<string, unknown> });
  }

  /** A name people know the row by: the tenant's name, else the key. */
  label(tableName: string, keyJson: string, row: Record<string, unknown> | null): string {
    const tenantId = tableName === 'tenants' ? JSON.parse(keyJson)[0] : row?.tenant_id;
    if (typeof tenantId === 'string') {
      const t = this.db.prepare('SELECT name FROM tenants WHERE id = ?').get(tenantId) as { name: string } | undefined;
      if (t) return t.name;
      if (tableName === 'tenants' && typeof row?.name === 'string') return row.name;
    }
    return (JSON.parse(keyJson) as unknown[]).join(' / ') || tableName;
  }

  /**
   * Applies the team's changes and moves the cursor, in one transaction with capture off. A change that cannot be
   * applied here (a row whose parent this console deleted) is skipped and counted, never a crash.
   */
  applyPulled(changes: readonly PulledChange[], cursor: number): { applied: number; skipped: number; tenantIds: string[]; tables: string[] } {
    let applied = 0;
    let skipped = 0;
    const tenantIds = new Set<string>();
    const listed = new Set<string>(); // tenants whose row or tags changed: what the tenants list shows
    const tables = new Set<string>();
    this.muted(
      () => {
        for (const c of changes) {
          try {
            writeTransaction(this.db, () => this.applyOne(c)); // a savepoint: a failed change undoes only itself
            applied++;
            tables.add(c.table);
            const id = tenantOf(c.table, c.keyJson, c.fields);
            if (id === undefined) continue;
            tenantIds.add(id);
            if (c.table === 'tenants' || c.table === 'tenant_tags') listed.add(id);
          } catch {
            skipped++;
          }
        }
        this.putState('cursor', cursor);
      },
      () => [...listed],
    );
    return { applied, skipped, tenantIds: [...tenantIds], tables: [...tables] };
  }

  private applyOne(c: PulledChange): void {
    const table = sharedTable(c.table);
    const cols = this.cols(table);
    const known = (f: string) => cols.includes(f);
    const local = (f: string, v: unknown) => (table.refs?.[f] ? this.localId(f, table.refs[f]!, v) : v);
    const fields = Object.fromEntries(
      Object.entries(c.fields ?? {})
        .filter(([f]) => known(f))
        .map(([f, v]) => [f, local(f, v)]),
    );
    const value = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
    const keyWhere = table.key.map((k) => `${q(k)} = ?`).join(' AND ');
    const keyValues = table.mode === 'row' ? (JSON.parse(c.keyJson) as unknown[]).map((v, i) => local(table.key[i]!, v)) : [];
    // A row this console's runner is working on is left alone; the runner's outcome is what the team gets next.
    const idle = table.busy ? ` AND NOT (${table.busy.replaceAll('$ROW', q(table.name))})` : '';
    if (c.effect === 'append' || c.effect === 'upsert') {
      const names = Object.keys(fields);
      this.stmt(this.insertSql(table, c.effect, names)).run(...names.map((n) => value(fields[n])));
    } else if (c.effect === 'update') {
      const names = Object.keys(fields).filter((n) => !table.key.includes(n));
      if (names.length)
        this.stmt(`UPDATE ${q(table.name)} SET ${names.map((n) => `${q(n)} = ?`).join(', ')} WHERE ${keyWhere}${idle}`).run(
          ...names.map((n) => value(fields[n])),
          ...keyValues,
        );
    } else if (c.effect === 'delete') {
      this.stmt(`DELETE FROM ${q(table.name)} WHERE ${keyWhere}${idle}`).run(...keyValues);
    }
  }

  /** The INSERT of a pulled or copied row (`names`: its columns that this ledger has). */
  private insertSql(table: SharedTable, effect: 'append' | 'upsert', names: readonly string[]): string {
    const insert = `INSERT INTO ${q(table.name)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    // The same fact recorded here too (a report both consoles imported, an alert both raised): this console keeps
    // its own quiet values (when it saw it, its own import), as the server keeps the first (merge.ts).
    const rest = names.filter((n) => !table.key.includes(n) && !(table.quiet ?? []).includes(n));
    // A row this console's runner is working on is left alone; the runner's outcome is what the team gets next.
    const idle = table.busy ? `NOT (${table.busy.replaceAll('$ROW', q(table.name))})` : '';
    return effect === 'append' || rest.length === 0
      ? `${insert} ON CONFLICT DO NOTHING`
      : `${insert} ON CONFLICT(${table.key.map(q).join(', ')}) DO UPDATE SET ${rest.map((n) => `${q(n)} = excluded.${q(n)}`).join(', ')}${idle ? ` WHERE ${idle}` : ''}`;
  }

  /**
   * A fresh console's copy of the team's rows (capture off), one short transaction per slice. The same rows as
   * applying each as a pulled upsert, without working the statement out again per row: a join copies a million
   * rows of one shape, and building and looking up each one's SQL cost more than SQLite's insert.
   */
  insertSnapshot(parts: readonly { table: string; rows: readonly { keyJson: string; row: Record<string, unknown> }[] }[]): void {
    this.muted(() => {
      for (const part of parts) this.insertRows(part.table, part.rows);
    });
  }

  private insertRows(tableName: string, rows: readonly { keyJson: string; row: Record<string, unknown> }[]): void {
    const table = sharedTable(tableName);
    const effect = table.mode === 'append' ? 'append' : 'upsert';
    const cols = new Set(this.cols(table));
    const refs = table.refs ?? {};
    let shape: string | null = null;
    let names: string[] = [];
    let insert: Statement | null = null;
    const args: unknown[] = [];
    for (const { row } of rows) {
      const fields = Object.keys(row);
      const sig = fields.join('\u0000');
      if (sig !== shape) {
        shape = sig;
        names = fields.filter((f) => cols.has(f));
        insert = this.stmt(this.insertSql(table, effect, names));
      }
      args.length = names.length;
      for (let i = 0; i < names.length; i++) {
        const n = names[i]!;
        const v = refs[n] ? this.localId(n, refs[n], row[n]) : row[n];
        args[i] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      }
      insert!.run(...args);
    }
  }

  conflicts(includeResolved = false): StoredConflict[] {
    const rows = this.db.prepare(`SELECT * FROM team_conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY id`).all() as Record<
      string,
      string | number | null
    >[];
    return rows.map((r) => ({
      id: Number(r.id),
      changeId: String(r.change_id),
      table: String(r.table_name),
      keyJson: String(r.key_json),
      kind: r.kind as Conflict['kind'],
      field: r.field as string | null,
      label: String(r.label),
      mine: parse(r.mine_json as string | null),
      theirs: parse(r.theirs_json as string | null),
      theirOperator: r.their_operator as string | null,
      theirAt: r.their_at as string | null,
      createdAt: String(r.created_at),
      resolvedAt: r.resolved_at as string | null,
      resolution: r.resolution as StoredConflict['resolution'],
    }));
  }

  openConflictCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM team_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
  }

  /**
   * Closes a conflict. "apply-mine" writes this console's value back locally (capture off) and records a forced
   * change that the server applies over the other edit; "keep-theirs" just closes it (theirs is already shown).
   */
  resolve(id: number, resolution: 'keep-theirs' | 'apply-mine', operator: { name: string; email: string } | undefined, at: string): StoredConflict {
    return this.muted(() => {
      const c = this.conflicts(true).find((x) => x.id === id);
      if (!c || c.resolvedAt) return c as StoredConflict;
      if (resolution === 'apply-mine') {
        const table = sharedTable(c.table);
        const keyValues = JSON.parse(c.keyJson) as unknown[];
        const keyRow = Object.fromEntries(table.key.map((k, i) => [k, keyValues[i]]));
        let op: LocalChange['op'];
        let row: Record<string, unknown> | null;
        if (c.kind === 'field' && c.field) {
          op = 'update';
          row = { ...keyRow, [c.field]: c.mine };
          this.applyOne({ seq: 0, table: c.table, keyJson: c.keyJson, effect: 'update', fields: row });
        } else if (c.kind === 'deleted-theirs') {
          op = 'insert';
          row = c.mine as Record<string, unknown>;
          this.applyOne({ seq: 0, table: c.table, keyJson: c.keyJson, effect: 'upsert', fields: row });
        } else {
          op = 'delete';
          row = null;
          this.applyOne({ seq: 0, table: c.table, keyJson: c.keyJson, effect: 'delete', fields: null });
        }
        this.db
          .prepare(
            `INSERT INTO team_changes (table_name, key_json, op, old_json, new_json, force, operator_name, operator_email) VALUES (?, ?, ?, NULL, ?, 1, ?, ?)`,
          )
          .run(c.table, c.keyJson, op, row ? JSON.stringify(row) : null, operator?.name ?? null, operator?.email ?? null);
      }
      this.db.prepare('UPDATE team_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(at, resolution, id);
      return { ...c, resolvedAt: at, resolution };
    }, listedTenant);
  }
}

export { SHARED_TABLES };
