import type pg from 'pg';
import { decide, type Conflict, type FieldMeta, type LocalChange, type ServerRow } from './merge';
import { sharedTable } from '../ledger/shared-tables';
import type { PulledChange } from './team-store';

/** The NOTIFY channel a push signals on; open consoles LISTEN and pull at once. */
export const CHANGES_CHANNEL = 'behalf_team_changes';
/** Pushes hold this transaction-level advisory lock: seqs then commit in order, so a cursor never skips one. */
const PUSH_LOCK = 19020;

export interface PushResult {
  change: LocalChange;
  conflicts: Conflict[];
}

/** The team ledger in PostgreSQL: every statement the team mode sends to the server lives here. */
export class TeamServerStore {
  constructor(private readonly client: pg.ClientBase) {}

  async published(): Promise<{ teamId: string; publishedAt: string; by: string | null } | null> {
    const { rows } = await this.client.query<{ value: { teamId: string; publishedAt: string; by: string | null } }>(
      `SELECT value FROM team_meta WHERE key = 'published'`,
    );
    return rows[0]?.value ?? null;
  }

  /** Publishing: the team's first rows, in one transaction with the marker (a half-published team does not exist). */
  async publish(
    marker: { teamId: string; publishedAt: string; by: string | null },
    batches: AsyncIterable<{ table: string; keyJson: string; row: Record<string, unknown> }[]>,
    by: Pick<FieldMeta, 'by' | 'at'>,
  ): Promise<number> {
    let n = 0;
    await this.client.query('BEGIN');
    try {
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      const taken = await this.client.query(`INSERT INTO team_meta (key, value) VALUES ('published', $1) ON CONFLICT DO NOTHING`, [marker]);
      if (taken.rowCount === 0) throw Object.assign(new Error('already published'), { alreadyPublished: true });
      for await (const batch of batches) {
        await this.client.query(
          `INSERT INTO rows (table_name, key_json, row, field_meta)
           SELECT t, k, r, jsonb_build_object('', $4::jsonb || jsonb_build_object('seq', 0, 'console', '')) FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS x(t, k, r)`,
          [batch.map((b) => b.table), batch.map((b) => b.keyJson), batch.map((b) => JSON.stringify(b.row)), JSON.stringify(by)],
        );
        n += batch.length;
      }
      await this.client.query('COMMIT');
      return n;
    } catch (err) {
      await this.client.query('ROLLBACK');
      throw err;
    }
  }

  /**
   * Pushes changes in one transaction: each is checked against the row the server holds (first to arrive wins,
   * see merge.ts), logged with a server-assigned seq, and announced by NOTIFY at commit. A change whose id the log
   * already holds (a push cut off after the commit) is not applied again; its recorded conflicts are returned.
   */
  async push(consoleId: string, changes: readonly LocalChange[]): Promise<PushResult[]> {
    const results: PushResult[] = [];
    await this.client.query('BEGIN');
    try {
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      const known = await this.client.query<{ change_id: string; conflicts: Conflict[] }>(
        'SELECT change_id, conflicts FROM changes WHERE change_id = ANY($1)',
        [changes.map((c) => c.changeId)],
      );
      const seen = new Map(known.rows.map((r) => [r.change_id, r.conflicts]));
      for (let i = 0; i < changes.length; i++) {
        const c = changes[i]!;
        const before = seen.get(c.changeId);
        if (before) {
          results.push({ change: c, conflicts: before });
          continue;
        }
        if (c.op === 'append') {
          // A run of appended rows (a DMARC import's thousands) goes in three statements, not four per row.
          let end = i;
          while (end + 1 < changes.length && changes[end + 1]!.op === 'append' && !seen.has(changes[end + 1]!.changeId)) end++;
          const run = changes.slice(i, end + 1);
          await this.appendRun(consoleId, run);
          for (const a of run) results.push({ change: a, conflicts: [] });
          i = end;
          continue;
        }
        const key = c.keyJson ?? '[]'; // appends went in bulk above
        const cur = await this.client.query<{ row: Record<string, unknown>; deleted: boolean; field_meta: Record<string, FieldMeta> }>(
          'SELECT row, deleted, field_meta FROM rows WHERE table_name = $1 AND key_json = $2 FOR UPDATE',
          [c.table, key],
        );
        const current: ServerRow | null = cur.rows[0] ? { row: cur.rows[0].row, deleted: cur.rows[0].deleted, meta: cur.rows[0].field_meta } : null;
        // The seq first (under the push lock, so still in order): the row's field stamps name it.
        const seq = Number((await this.client.query<{ seq: string }>(`SELECT nextval(pg_get_serial_sequence('changes', 'seq')) AS seq`)).rows[0]!.seq);
        const d = decide(sharedTable(c.table), { ...c, consoleId }, current, seq);
        await this.client.query(
          `INSERT INTO changes (seq, change_id, console_id, table_name, key_json, op, effect, fields, conflicts, operator_name, operator_email, made_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            seq,
            c.changeId,
            consoleId,
            c.table,
            key,
            c.op,
            d.effect,
            d.fields === null ? null : JSON.stringify(d.fields),
            JSON.stringify(d.conflicts),
            c.operatorName,
            c.operatorEmail,
            c.madeAt,
          ],
        );
        if (d.next) {
          await this.client.query(
            `INSERT INTO rows (table_name, key_json, row, deleted, field_meta, last_seq) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (table_name, key_json) DO UPDATE SET row = excluded.row, deleted = excluded.deleted, field_meta = excluded.field_meta, last_seq = excluded.last_seq`,
            [c.table, key, JSON.stringify(d.next.row), d.next.deleted, JSON.stringify(d.next.meta), seq],
          );
        }
        results.push({ change: c, conflicts: d.conflicts });
      }
      if (results.length) await this.client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, consoleId]);
      await this.client.query('COMMIT');
      return results;
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /** Appended rows (history: never in conflict, keyed by their change id) logged and stored in bulk, in order. */
  private async appendRun(consoleId: string, run: readonly LocalChange[]): Promise<void> {
    const { rows } = await this.client.query<{ seq: string }>(
      `SELECT nextval(pg_get_serial_sequence('changes', 'seq')) AS seq FROM generate_series(1, $1) ORDER BY 1`,
      [run.length],
    );
    const seqs = rows.map((r) => r.seq);
    const rowsJson = run.map((c) => JSON.stringify(c.new ?? {}));
    const keys = run.map((c) => JSON.stringify([c.changeId]));
    await this.client.query(
      `INSERT INTO changes (seq, change_id, console_id, table_name, key_json, op, effect, fields, conflicts, operator_name, operator_email, made_at)
       SELECT s, id, $3, t, k, 'append', 'append', f, '[]'::jsonb, n, e, m
       FROM unnest($1::bigint[], $2::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::text[]) AS x(s, id, t, k, f, n, e, m)`,
      [
        seqs,
        run.map((c) => c.changeId),
        consoleId,
        run.map((c) => c.table),
        keys,
        rowsJson,
        run.map((c) => c.operatorName),
        run.map((c) => c.operatorEmail),
        run.map((c) => c.madeAt),
      ],
    );
    await this.client.query(
      `INSERT INTO rows (table_name, key_json, row, deleted, field_meta, last_seq)
       SELECT t, k, r, false, '{}'::jsonb, s FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::bigint[]) AS x(t, k, r, s)
       ON CONFLICT (table_name, key_json) DO UPDATE SET row = excluded.row, deleted = false, field_meta = excluded.field_meta, last_seq = excluded.last_seq`,
      [run.map((c) => c.table), keys, rowsJson, seqs],
    );
  }

  /** The log after `cursor`, oldest first, without this console's own changes (already in its ledger). */
  async pull(cursor: number, consoleId: string, limit: number): Promise<{ changes: PulledChange[]; last: number }> {
    const { rows } = await this.client.query<{
      seq: string;
      console_id: string;
      table_name: string;
      key_json: string;
      effect: PulledChange['effect'];
      fields: Record<string, unknown> | null;
    }>('SELECT seq, console_id, table_name, key_json, effect, fields FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2', [cursor, limit]);
    const last = rows.length ? Number(rows[rows.length - 1]!.seq) : cursor;
    const changes = rows
      .filter((r) => r.console_id !== consoleId && r.effect !== 'none')
      .map((r) => ({ seq: Number(r.seq), table: r.table_name, keyJson: r.key_json, effect: r.effect, fields: r.fields }));
    return { changes, last };
  }

  /**
   * A consistent copy for a joining console: every live row and the seq it is current to, read in one
   * REPEATABLE READ transaction, table by table in `order`, `pageSize` rows at a time.
   */
  async *snapshot(
    order: readonly string[],
    pageSize: number,
  ): AsyncGenerator<{ cursor: number; total: number } | { table: string; rows: { keyJson: string; row: Record<string, unknown> }[] }> {
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const head = await this.client.query<{ seq: string | null; n: string }>(
        'SELECT (SELECT max(seq) FROM changes) AS seq, (SELECT count(*) FROM rows WHERE NOT deleted) AS n',
      );
      yield { cursor: Number(head.rows[0]!.seq ?? 0), total: Number(head.rows[0]!.n) };
      const page = (table: string, after: string) =>
        this.client.query<{ key_json: string; row: Record<string, unknown> }>(
          'SELECT key_json, row FROM rows WHERE table_name = $1 AND key_json > $2 AND NOT deleted ORDER BY key_json LIMIT $3',
          [table, after, pageSize],
        );
      for (const table of order) {
        let next = page(table, '');
        for (;;) {
          const { rows } = await next;
          if (rows.length === 0) break;
          // The next page is asked for before this one is handed over: the server reads it while the console writes
          // this one into SQLite (a join spent half its time waiting for the server otherwise).
          next = rows.length < pageSize ? Promise.resolve({ rows: [] } as unknown as Awaited<typeof next>) : page(table, rows[rows.length - 1]!.key_json);
          next.catch(() => undefined); // a failure surfaces at the await above; a join stopped early drops it
          yield { table, rows: rows.map((r) => ({ keyJson: r.key_json, row: r.row })) };
        }
      }
      await this.client.query('COMMIT');
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async head(): Promise<number> {
    const { rows } = await this.client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM changes');
    return Number(rows[0]!.seq ?? 0);
  }
}
