import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { TeamStore, type PulledChange } from '../../../src-main/team/team-store';
import { JoinCopyStore } from '../../../src-main/team/join-copy-store';
import { sharedTable } from '../../../src-main/ledger/shared-tables';

/**
 * Rows named by local integer ids travel with team-wide keys (issue #19 item 6): a column holding a parent's id goes
 * as the parent's key and comes back as the receiving console's own id, also inside a child's key; a change whose
 * parent the console does not have is skipped and counted. Real SQLite ledgers, the capture triggers of migration 022.
 */
const opened: { db: Db; dir: string }[] = [];
afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
function ledger(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-team-refs-'));
  const db = openLedger(path.join(dir, 'ledger.sqlite'));
  opened.push({ db, dir });
  return db;
}
/** A console in team mode: the triggers record every write to a shared table. */
function teamLedger(): Db {
  const db = ledger();
  new TeamStore(db).startCapture({ operator: { name: 'Ann', email: 'ann@vendor.example' }, console: 'ann', cursor: 0 });
  return db;
}
/** What the server would hand another console for these recorded changes (every field, as a first writer gets). */
function recorded(db: Db): PulledChange[] {
  const rows = db.prepare('SELECT seq, table_name, key_json, op, new_json FROM team_changes ORDER BY seq').all() as {
    seq: number;
    table_name: string;
    key_json: string | null;
    op: string;
    new_json: string | null;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    table: r.table_name,
    keyJson: r.key_json ?? '[]',
    effect: r.op === 'insert' ? 'upsert' : (r.op as PulledChange['effect']),
    fields: r.new_json === null ? null : (JSON.parse(r.new_json) as Record<string, unknown>),
  }));
}
const now = '2026-12-03T10:00:00.000Z';

function addSend(db: Db, key: string, addresses: string[]): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO test_sends (tenant_id, option, server_id, from_header, subject, text_body, send_key, created_at, updated_at)
         VALUES ('t1', 1, 7, 'a@acme.example', 'Hello', 'Body', ?, ?, ?)`,
      )
      .run(key, now, now).lastInsertRowid,
  );
  for (const a of addresses) db.prepare(`INSERT INTO test_send_recipients (send_id, address) VALUES (?, ?)`).run(id, a);
  db.prepare(`INSERT INTO send_queue (send_id, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(id, `q-${key}`, now, now);
  return id;
}

function addReport(db: Db, reportId: string, importedAt: string, rows: number): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO dmarc_reports (org, report_id, domain, date_begin, date_end, schema, imported_at, row_count)
         VALUES ('google.com', ?, 'acme.example', 1, 2, 'rfc7489', ?, ?)`,
      )
      .run(reportId, importedAt, rows).lastInsertRowid,
  );
  const row = db.prepare(`INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, source_ip, count) VALUES (?, 'acme.example', 1, 2, ?, ?)`);
  for (let i = 0; i < rows; i++) row.run(id, `192.0.2.${i % 250}`, i + 1);
  return id;
}

describe('refs: parents named by their team key', () => {
  it("records a child's parent id as the parent's key, also inside the child's own key", () => {
    const ann = teamLedger();
    const sendId = addSend(ann, 'send-1', ['a@seed.example']);
    const changes = recorded(ann);
    const recipient = changes.find((c) => c.table === 'test_send_recipients')!;
    expect(JSON.parse(recipient.keyJson)).toEqual(['send-1', 'a@seed.example']);
    expect(recipient.fields).toMatchObject({ send_id: 'send-1', address: 'a@seed.example' });
    expect(recipient.fields).not.toHaveProperty('id');
    expect(changes.find((c) => c.table === 'send_queue')!.fields).toMatchObject({ send_id: 'send-1' });
    expect(sendId).toBeGreaterThan(0);

    // A DMARC row names its report by (org, report id, imported_at): one import of that report.
    addReport(ann, 'R1', now, 2);
    const row = recorded(ann).find((c) => c.table === 'dmarc_rows')!;
    expect(row.effect).toBe('append');
    expect(row.fields!.report_id).toEqual(['google.com', 'R1', now]);
  });

  it("applies the team's rows with this console's own ids, whatever ids the other console used", () => {
    const ann = teamLedger();
    // Ann's ids start higher than Ben's will: a copy that kept ids would point at the wrong parent.
    for (let i = 0; i < 5; i++) addSend(ann, `old-${i}`, []);
    ann.prepare('DELETE FROM test_sends').run();
    ann.prepare('DELETE FROM team_changes').run();
    addSend(ann, 'send-1', ['a@seed.example', 'b@seed.example']);
    addReport(ann, 'R1', now, 3);
    ann.prepare(`UPDATE test_send_recipients SET state = 'sent', message_id = 'm-b' WHERE address = 'b@seed.example'`).run();

    const ben = teamLedger();
    addSend(ben, 'ben-own', []); // ben's id 1 is taken by another send
    const result = new TeamStore(ben).applyPulled(recorded(ann), 99);
    expect(result.skipped).toBe(0);
    const benSend = (ben.prepare(`SELECT id FROM test_sends WHERE send_key = 'send-1'`).get() as { id: number }).id;
    expect(benSend).not.toBe((ann.prepare(`SELECT id FROM test_sends WHERE send_key = 'send-1'`).get() as { id: number }).id);
    expect(ben.prepare('SELECT address, state, message_id FROM test_send_recipients WHERE send_id = ? ORDER BY address').all(benSend)).toEqual([
      { address: 'a@seed.example', state: 'queued', message_id: null },
      { address: 'b@seed.example', state: 'sent', message_id: 'm-b' },
    ]);
    expect(ben.prepare(`SELECT send_id FROM send_queue WHERE idempotency_key = 'q-send-1'`).get()).toEqual({ send_id: benSend });
    const benReport = (ben.prepare(`SELECT id FROM dmarc_reports WHERE report_id = 'R1'`).get() as { id: number }).id;
    expect(ben.prepare('SELECT count(*) AS n, sum(count) AS messages FROM dmarc_rows WHERE report_id = ?').get(benReport)).toEqual({ n: 3, messages: 6 });
    expect(result.tables).toEqual(expect.arrayContaining(['test_sends', 'test_send_recipients', 'send_queue', 'dmarc_reports', 'dmarc_rows']));
  });

  it('skips and counts a change whose parent this console does not have, and applies the rest', () => {
    const ann = teamLedger();
    addSend(ann, 'send-1', ['a@seed.example']);
    const ben = teamLedger();
    const orphans = recorded(ann).filter((c) => c.table !== 'test_sends');
    const result = new TeamStore(ben).applyPulled(orphans, 5);
    expect(result).toMatchObject({ applied: 0, skipped: 2 });
    expect(ben.prepare('SELECT count(*) AS n FROM test_send_recipients').get()).toEqual({ n: 0 });
    expect(new TeamStore(ben).getState('cursor')).toBe(5);
  });

  it("keeps one import's rows to that import: the same report imported by two consoles apart is not doubled", () => {
    const ann = teamLedger();
    addReport(ann, 'R1', '2026-12-03T10:00:00.000Z', 4);
    const ben = teamLedger();
    addReport(ben, 'R1', '2026-12-03T10:00:05.000Z', 4);
    const result = new TeamStore(ben).applyPulled(recorded(ann), 9);
    expect(result.skipped).toBe(4); // ann's rows belong to ann's import of R1, not to ben's
    expect(ben.prepare('SELECT count(*) AS n FROM dmarc_rows').get()).toEqual({ n: 4 });
  });

  it("leaves a job this console's runner is running alone, and does not record taking or deferring a job", () => {
    const ben = teamLedger();
    ben
      .prepare(
        `INSERT INTO postmark_jobs (tenant_id, kind, payload_json, idempotency_key, state, created_at, updated_at) VALUES ('t1', 'create-server', '{}', 'k1', 'queued', ?, ?)`,
      )
      .run(now, now);
    ben.prepare(`UPDATE postmark_jobs SET state = 'running', attempts = 1`).run();
    ben.prepare(`UPDATE postmark_jobs SET state = 'queued', attempts = 0, next_attempt_at = ?`).run(now);
    expect(recorded(ben).map((c) => [c.table, c.effect])).toEqual([['postmark_jobs', 'upsert']]);

    ben.prepare(`UPDATE postmark_jobs SET state = 'running'`).run();
    const pulled: PulledChange = { seq: 1, table: 'postmark_jobs', keyJson: '["k1"]', effect: 'update', fields: { state: 'queued', next_attempt_at: 'x' } };
    new TeamStore(ben).applyPulled([pulled], 1);
    expect(ben.prepare('SELECT state, next_attempt_at FROM postmark_jobs').get()).toEqual({ state: 'running', next_attempt_at: now });
    ben.prepare(`UPDATE postmark_jobs SET state = 'succeeded', next_attempt_at = NULL`).run();
    expect(recorded(ben).at(-1)).toMatchObject({ table: 'postmark_jobs', effect: 'update', fields: { state: 'succeeded' } });
    // Idle again: the team's outcome applies.
    new TeamStore(ben).applyPulled([{ ...pulled, seq: 2, fields: { state: 'failed' } }], 2);
    expect(ben.prepare('SELECT state FROM postmark_jobs').get()).toEqual({ state: 'failed' });
  });

  it('publishes rows with refs as keys and a joining console copies them with its own ids', () => {
    const ann = ledger();
    addSend(ann, 'send-1', ['a@seed.example']);
    addReport(ann, 'R1', now, 2);
    const joined = ledger();
    const from = new TeamStore(ann);
    const fromCopy = new JoinCopyStore(ann, from);
    const to = new TeamStore(joined);
    for (const name of ['test_sends', 'test_send_recipients', 'send_queue', 'dmarc_reports', 'dmarc_rows']) {
      const { rows } = fromCopy.sharedRows(sharedTable(name), null, 100);
      to.insertSnapshot([{ table: name, rows }]);
    }
    expect(joined.prepare('SELECT r.address FROM test_send_recipients r JOIN test_sends s ON s.id = r.send_id').all()).toEqual([{ address: 'a@seed.example' }]);
    expect(joined.prepare('SELECT count(*) AS n FROM dmarc_rows r JOIN dmarc_reports p ON p.id = r.report_id').get()).toEqual({ n: 2 });
    // Publishing pages by key: each page starts after the last one, every row once.
    const pages = [fromCopy.sharedRows(sharedTable('dmarc_rows'), null, 1)];
    while (pages[pages.length - 1]!.rows.length) pages.push(fromCopy.sharedRows(sharedTable('dmarc_rows'), pages[pages.length - 1]!.last, 1));
    expect(new Set(pages.flatMap((p) => p.rows.map((r) => r.keyJson))).size).toBe(2);
    expect(pages.map((p) => p.rows.length)).toEqual([1, 1, 0]);
  });
});
