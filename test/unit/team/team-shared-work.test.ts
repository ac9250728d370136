import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostmarkSimulator } from '../../support/postmark-sim';
import { TeamConsole, waitFor } from '../../support/team/consoles';
import { twoConsoles, type TwoConsoles } from '../../support/team/two-consoles';
import { reportXml, type RowSpec } from '../../support/dmarc/report-builder';

/**
 * Issue #19 items 5 and 6 against a real PostgreSQL server and the Postmark simulator: DMARC reports and their rows,
 * alerts, outbox jobs, test sends, deferred removals, the DKIM calendar and the bulk-mail fact are shared between two
 * consoles (separate processes, separate homes), named by team-wide keys, not local ids.
 */
const PASSWORD = 'shared-work-pw-8';
let team: TwoConsoles;
let sim: PostmarkSimulator;
let ann: TeamConsole;
let ben: TeamConsole;

const sync = async (...cs: TeamConsole[]) => {
  for (const c of cs) await c.ok('team', 'sync');
};
const syncAll = async () => {
  await sync(ann, ben);
  await sync(ann, ben);
};
const conflicts = async (c: TeamConsole) => (await c.json<unknown[]>('team', 'conflicts')).length;
const tenantId = (c: TeamConsole, name = 'Acme') => c.query<{ id: string }>(`SELECT id FROM tenants WHERE name = ?`, name)[0]!.id;
const row = (ip: string, count: number, dkim: 'pass' | 'fail', spf: 'pass' | 'fail'): RowSpec => ({ ip, count, dkim, spf });
function reportFile(c: TeamConsole, reportId: string, rows: RowSpec[], day = '2026-11-01'): string {
  const file = path.join(c.home, `${reportId}.xml`);
  fs.writeFileSync(file, reportXml({ reportId, domain: 'acme.example', begin: day, rows }));
  return file;
}
const sources = async (c: TeamConsole) => c.json<{ messages: number; sources: unknown[] }>('dmarc', 'sources', '--domain', 'acme.example', '--offline');
const serverCreates = () => sim.state.requests.filter((r) => r.method === 'POST' && r.path === '/servers').length;
function queueCreateServer(c: TeamConsole, key: string, name: string, tenant = 'Acme'): void {
  const now = new Date().toISOString();
  c.exec(
    `INSERT INTO postmark_jobs (tenant_id, kind, payload_json, idempotency_key, state, created_at, updated_at) VALUES (?, 'create-server', ?, ?, 'queued', ?, ?)`,
    tenantId(c, tenant),
    JSON.stringify({ name }),
    key,
    now,
    now,
  );
}
const job = (c: TeamConsole, key: string) =>
  c.query<{ state: string; error: string | null }>(
    `SELECT state, json_extract(last_error_json, '$.code') AS error FROM postmark_jobs WHERE idempotency_key = ?`,
    key,
  )[0];

beforeAll(async () => {
  team = await twoConsoles({
    password: PASSWORD,
    leaseMs: 1500,
    seed: async (ann) => {
      await ann.ok('tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--option', '1');
      await ann.ok('dmarc', 'import', reportFile(ann, 'before-team', [row('198.51.100.10', 7, 'pass', 'pass')], '2026-10-01'));
    },
  });
  ({ sim, ann, ben } = team);
}, 300_000);

afterAll(() => team?.close());

describe('shared work between two consoles', { timeout: 600_000 }, () => {
  it('copies DMARC reports with their rows on join, and shares a report imported later', async () => {
    expect(await sources(ben)).toEqual(await sources(ann)); // published with the ledger, copied on join
    await ann.ok('dmarc', 'import', reportFile(ann, 'R1', [row('198.51.100.10', 120, 'pass', 'pass'), row('203.0.113.5', 10, 'fail', 'fail')]));
    await syncAll();
    const seen = await sources(ben);
    expect(seen.messages).toBe(137);
    expect(seen).toEqual(await sources(ann));
  });

  it('keeps one report, its rows once and no conflict when both consoles import the same report apart', async () => {
    const rows = [row('198.51.100.10', 50, 'pass', 'pass'), row('192.0.2.1', 3, 'fail', 'pass')];
    await ann.ok('dmarc', 'import', reportFile(ann, 'R2', rows));
    await ben.ok('dmarc', 'import', reportFile(ben, 'R2', rows));
    await syncAll();
    for (const c of [ann, ben]) {
      expect(c.query(`SELECT count(*) AS n FROM dmarc_reports WHERE report_id = 'R2'`)).toEqual([{ n: 1 }]);
      expect(c.query(`SELECT count(*) AS n FROM dmarc_rows WHERE report_id = (SELECT id FROM dmarc_reports WHERE report_id = 'R2')`)).toEqual([{ n: 2 }]);
      expect(await conflicts(c)).toBe(0);
    }
    expect((await sources(ben)).messages).toBe(190);
    expect(await sources(ben)).toEqual(await sources(ann));
  });

  it('shares alerts and their acknowledgement; the same alert raised by both is one alert, no conflict', async () => {
    const raise = (c: TeamConsole, at: string) =>
      c.exec(
        `INSERT INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at) VALUES ('dkim-gone:acme', 'dkim-gone', ?, 'DKIM gone', ?, ?)`,
        tenantId(c),
        `seen at ${at}`,
        at,
      );
    raise(ann, '2026-12-01T10:00:00.000Z');
    raise(ben, '2026-12-01T10:00:09.000Z');
    await syncAll();
    for (const c of [ann, ben]) {
      const list = await c.json<{ alerts: { title: string }[] }>('alerts');
      expect(list.alerts.map((a) => a.title)).toEqual(['DKIM gone']);
      expect(await conflicts(c)).toBe(0);
    }
    ann.exec(`UPDATE alerts SET acknowledged_at = '2026-12-01T11:00:00.000Z' WHERE fact_key = 'dkim-gone:acme'`);
    ann.exec(
      `INSERT INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at) VALUES ('trouble:acme', 'health-in-trouble', ?, 'In trouble', 'd', 't')`,
      tenantId(ann),
    );
    ann.exec(`UPDATE alerts SET snoozed_until = '2999-01-01T00:00:00.000Z' WHERE fact_key = 'trouble:acme'`);
    await syncAll();
    // Ben's inbox: the acknowledged alert gone, the snoozed one listed but not unread.
    const inbox = await ben.json<{ unread: number; alerts: { title: string; unread: boolean }[] }>('alerts');
    expect(inbox).toMatchObject({ unread: 0, alerts: [{ title: 'In trouble', unread: false }] });
    const all = await ben.json<{ alerts: { title: string; acknowledgedAt: string | null }[] }>('alerts', '--all');
    expect(all.alerts.find((a) => a.title === 'DKIM gone')).toMatchObject({ acknowledgedAt: '2026-12-01T11:00:00.000Z' });
    expect(ben.query(`SELECT snoozed_until FROM alerts WHERE fact_key = 'trouble:acme'`)).toEqual([{ snoozed_until: '2999-01-01T00:00:00.000Z' }]);
  });

  it('shows a job queued on one console on the other, and runs it once with both runners up', async () => {
    queueCreateServer(ann, 'shared:create-server', 'Shared server');
    await syncAll();
    expect(job(ben, 'shared:create-server')).toMatchObject({ state: 'queued' });
    const before = serverCreates();
    const [a, b] = await Promise.all([ann.start(['sync']).done, ben.start(['sync']).done]);
    expect([a.code, b.code], `${a.out}${a.err}\n${b.out}${b.err}`).toEqual([0, 0]);
    await syncAll();
    // Whichever console did not get the claim waits out the lease, then settles from the team's record.
    for (let i = 0; i < 20 && [ann, ben].some((c) => job(c, 'shared:create-server')?.state !== 'succeeded'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await Promise.all([ann.run('sync'), ben.run('sync')]);
      await syncAll();
    }
    expect(serverCreates() - before).toBe(1);
    expect(sim.state.servers.filter((s) => s.Name === 'Shared server')).toHaveLength(1);
    for (const c of [ann, ben]) expect(job(c, 'shared:create-server')).toMatchObject({ state: 'succeeded' });
    // What that job made (the server link) arrived with the team's changes.
    expect(ben.query(`SELECT name FROM postmark_objects WHERE kind = 'server' AND name = 'Shared server'`)).toHaveLength(1);
  });

  it('runs a test send queued on one console once, with both consoles running queued sends', async () => {
    // Through Acme's server made by the job above; queued as a send that found Postmark unreachable leaves it.
    const serverId = sim.state.servers.find((s) => s.Name === 'Shared server')!.ID;
    // The From address is a confirmed sender signature, so Postmark accepts the message.
    const signature = await fetch(`${sim.url}/senders`, {
      method: 'POST',
      headers: { 'X-Postmark-Account-Token': sim.accountToken, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ FromEmail: 'hello@acme.example', Name: 'Acme' }),
    });
    sim.confirmSender(((await signature.json()) as { ID: number }).ID);
    const received = () => sim.state.messages.filter((m) => JSON.stringify(m).includes('seed@gmail.example')).length;
    const now = new Date().toISOString();
    ann.exec(
      `INSERT INTO test_sends (tenant_id, option, server_id, from_header, subject, text_body, send_key, created_at, updated_at)
       VALUES (?, 1, ?, 'hello@acme.example', 'Hello', 'Body', 'queued-send-1', ?, ?)`,
      tenantId(ann),
      serverId,
      now,
      now,
    );
    ann.exec(`INSERT INTO test_send_recipients (send_id, address) SELECT id, 'seed@gmail.example' FROM test_sends WHERE send_key = 'queued-send-1'`);
    ann.exec(
      `INSERT INTO send_queue (send_id, idempotency_key, created_at, updated_at) SELECT id, 'send-queue-1', ?, ? FROM test_sends WHERE send_key = 'queued-send-1'`,
      now,
      now,
    );
    await syncAll();
    expect(ben.query(`SELECT q.state, s.send_key FROM send_queue q JOIN test_sends s ON s.id = q.send_id`)).toEqual([
      { state: 'queued', send_key: 'queued-send-1' },
    ]);
    const sends = () => sim.state.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/email')).length;
    const before = sends();
    const runs = await Promise.all([ann.start(['send', '--retry-queued']).done, ben.start(['send', '--retry-queued']).done]);
    for (let i = 0; i < 20 && [ann, ben].some((c) => c.query(`SELECT 1 FROM send_queue WHERE state IN ('queued', 'running')`).length > 0); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await syncAll();
      await Promise.all([ann.run('send', '--retry-queued'), ben.run('send', '--retry-queued')]);
    }
    expect(sends() - before, runs.map((r) => r.out + r.err).join('\n')).toBe(1);
    expect(received()).toBe(1);
    await syncAll();
    const outcome = (c: TeamConsole) =>
      c.query(
        `SELECT r.address, r.state, r.message_id IS NOT NULL AS has_id FROM test_send_recipients r JOIN test_sends s ON s.id = r.send_id WHERE s.send_key = 'queued-send-1'`,
      );
    expect(outcome(ann)).toEqual([{ address: 'seed@gmail.example', state: 'sent', has_id: 1 }]);
    expect(outcome(ben)).toEqual(outcome(ann));
  });

  it("converges a failed job's state and error on both consoles", async () => {
    queueCreateServer(ann, 'refused:create-server', 'Refused server');
    sim.faults.next({ status: 422, errorCode: 603, match: /^\/servers$/ });
    expect((await ann.run('sync')).code).toBe(1); // a job needs attention
    expect(job(ann, 'refused:create-server')).toMatchObject({ state: 'needs-attention' });
    await syncAll();
    expect(job(ben, 'refused:create-server')).toEqual(job(ann, 'refused:create-server'));
    // Ben's runner does not run it again: it is not queued on his side.
    const before = serverCreates();
    expect((await ben.run('sync')).code).toBe(1); // the job needs attention on his side too
    expect(serverCreates()).toBe(before);
  });

  it('shares test sends with their recipients and queue row, by send key', async () => {
    const now = new Date().toISOString();
    ann.exec(
      `INSERT INTO test_sends (tenant_id, option, server_id, from_header, subject, text_body, send_key, state, created_at, updated_at)
       VALUES (?, 1, 1, 'a@acme.example', 'Hello', 'Body', 'send-key-1', 'sent', ?, ?)`,
      tenantId(ann),
      now,
      now,
    );
    ann.exec(
      `INSERT INTO test_send_recipients (send_id, address, state, message_id) SELECT id, 'seed@gmail.example', 'sent', 'm-1' FROM test_sends WHERE send_key = 'send-key-1'`,
    );
    await syncAll();
    expect(
      ben.query(
        `SELECT s.send_key, r.address, r.state, r.message_id FROM test_send_recipients r JOIN test_sends s ON s.id = r.send_id WHERE s.send_key = 'send-key-1'`,
      ),
    ).toEqual([{ send_key: 'send-key-1', address: 'seed@gmail.example', state: 'sent', message_id: 'm-1' }]);
  });

  it('converges a DKIM rotation (with its job, by key), a deferred removal and the bulk-mail setting', async () => {
    queueCreateServer(ann, 'rotation:job', 'Rotation placeholder');
    const jobId = ann.query<{ id: number }>(`SELECT id FROM postmark_jobs WHERE idempotency_key = 'rotation:job'`)[0]!.id;
    ann.exec(
      `INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, job_id, queued_at, updated_at) VALUES (?, 9, 'old._domainkey.acme.example', 'p=OLD', 'queued', ?, 't', 't')`,
      tenantId(ann),
      jobId,
    );
    ann.exec(
      `INSERT INTO deferred_removals (tenant_id, from_option, to_option, kind, postmark_id, label, condition, state, job_id, created_at, updated_at)
       VALUES (?, 1, 2, 'domain', 77, 'acme.example', 'after-domain-verified', 'enqueued', ?, 't', 't')`,
      tenantId(ann),
      jobId,
    );
    await ann.ok('rules', '--tenant', 'Acme', '--bulk-mail', 'broadcast');
    await syncAll();
    const view = (c: TeamConsole) => ({
      rotation: c.query(
        `SELECT r.uid, r.stage, j.idempotency_key AS job FROM dkim_rotations r LEFT JOIN postmark_jobs j ON j.id = r.job_id WHERE r.domain_id = 9`,
      ),
      removal: c.query(
        `SELECT d.uid, d.state, j.idempotency_key AS job FROM deferred_removals d JOIN postmark_jobs j ON j.id = d.job_id WHERE d.postmark_id = 77`,
      ),
      bulk: c.query(`SELECT tenant_id, bulk_mail, updated_at FROM tenant_bulk_mail`),
    });
    expect(view(ann).rotation).toEqual([expect.objectContaining({ job: 'rotation:job', stage: 'queued' })]);
    expect(view(ben)).toEqual(view(ann));
    ben.exec(`UPDATE dkim_rotations SET stage = 'new-key-pending', pending_at = 'p' WHERE domain_id = 9`);
    await syncAll();
    expect(view(ann).rotation).toEqual([expect.objectContaining({ stage: 'new-key-pending' })]);
    expect(await conflicts(ann)).toBe(0);
  });

  it("wakes an open console's outbox when a job queued elsewhere arrives, and the job runs there once", async () => {
    const lastSync = () => ben.query<{ value_json: string }>(`SELECT value_json FROM team_state WHERE key = 'lastSyncAt'`)[0]?.value_json;
    // A tenant of its own: Acme's jobs wait behind the one that needs attention (jobs of a tenant run in order).
    await ann.ok('tenants', 'add', '--name', 'Wake Co', '--domain', 'wake.example');
    await syncAll();
    const before = lastSync();
    const host = ben.start(['serve', '--port', '0']);
    try {
      await waitFor('the browser host to connect to the team', () => /Open:/.test(host.out()) && lastSync() !== before, 120_000);
      // Whatever ben had queued ran at start; what comes now has no backoff timer: only the pulled change can wake it.
      await waitFor('the outbox to go idle', () => ben.query(`SELECT 1 FROM postmark_jobs WHERE state = 'running'`).length === 0, 60_000);
      queueCreateServer(ann, 'woken:create-server', 'Woken server', 'Wake Co');
      await sync(ann);
      await waitFor('the open console to run the pulled job', () => sim.state.servers.some((s) => s.Name === 'Woken server'), 60_000);
      await waitFor('the job to be recorded as succeeded there', () => job(ben, 'woken:create-server')?.state === 'succeeded', 60_000);
    } finally {
      host.proc.kill('SIGTERM');
      await host.done;
    }
    await syncAll();
    expect(job(ann, 'woken:create-server')).toMatchObject({ state: 'succeeded' });
    expect(sim.state.servers.filter((s) => s.Name === 'Woken server')).toHaveLength(1);
  });

  it('pushes and pulls a 50,000-row DMARC import (times in the output)', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => row(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 1, i % 7 ? 'pass' : 'fail', 'pass'));
    await ann.ok('dmarc', 'import', reportFile(ann, 'BIG', rows));
    let t = Date.now();
    await sync(ann);
    const push = Date.now() - t;
    t = Date.now();
    await sync(ben);
    const pull = Date.now() - t;
    console.log(`50,000-row DMARC import: push ${push} ms, pull ${pull} ms (each a CLI process, start-up included)`);
    expect(ben.query(`SELECT count(*) AS n FROM dmarc_rows WHERE report_id = (SELECT id FROM dmarc_reports WHERE report_id = 'BIG')`)).toEqual([{ n: 50_000 }]);
  });
});
