import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../src-main/ledger/open';
import { tempDir } from '../../support/temp';
import { cli } from './backup-helpers';

/** One row (at least) in every table the export covers, with the values CSV and JSON like to lose. */
function populate(home: string): void {
  const db = openLedger(path.join(home, 'ledger.sqlite'));
  const tricky = 'comma, "quote", new\nline, tab\t, ünïcødé 📬, =1+1';
  db.exec(`
    INSERT INTO settings VALUES ('vendorName', '"Northwind"', '2026-01-01T00:00:00.000Z');
    INSERT INTO tenants VALUES ('t1', 'Acme', 'acme', '', 'ops@acme.example', 'acme.example', '', '', 2, 'live', '', '2026-01-01', '2026-01-02');
    INSERT INTO tenants VALUES ('t2', '0', '0', '', '', 'zero.example', '', '', NULL, 'draft', '', '2026-01-01', '2026-01-01');
    INSERT INTO tenant_tags VALUES ('t1', 'gold'), ('t1', 'eu'), ('t2', '');
    INSERT INTO audit (tenant_id, at, action, field, old_value, new_value) VALUES ('t1', '2026-01-01', 'update', 'notes', NULL, ''), ('t2', '2026-01-01', 'create', NULL, NULL, NULL);
    INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json, drift_json) VALUES ('t1', 'acme.example', '2026-01-03', 'ok', '{"records":[]}', '[]');
    INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at) VALUES ('t1', 'server', 9007199254740991, 'behalf-acme', 'behalf-acme', '{"Color":"Blue"}', 'a', 'b');
    INSERT INTO postmark_jobs (kind, payload_json, idempotency_key, created_at, updated_at) VALUES ('create-server', '{}', 'k1', 'a', 'a');
    INSERT INTO deferred_removals (tenant_id, from_option, to_option, kind, postmark_id, label, condition, created_at, updated_at) VALUES ('t1', 1, 2, 'sender', 5, 'old sender', 'after-domain-verified', 'a', 'a');
    INSERT INTO dmarc_reports (id, org, report_id, domain, date_begin, date_end, schema, imported_at) VALUES (1, 'google.com', 'r1', 'acme.example', 1700000000, 1700086400, 'rfc7489', 'a');
    INSERT INTO dmarc_reports (id, org, report_id, domain, date_begin, date_end, schema, imported_at, staged_by) VALUES (2, 'yahoo.com', 'r2', 'acme.example', 1, 2, 'rfc7489', 'a', 'host:1');
    INSERT INTO dmarc_rows (report_id, domain, date_begin, date_end, source_ip, count) VALUES (1, 'acme.example', 1700000000, 1700086400, '192.0.2.1', 42), (2, 'acme.example', 1, 2, '192.0.2.2', 1);
    INSERT INTO dmarc_chosen_records VALUES ('t1', 'acme.example', '{"p":"none"}', 'v=DMARC1; p=none', '[]', NULL, 'a');
    INSERT INTO seed_inboxes (address, address_lc, provider, active, created_at, updated_at) VALUES ('Seed@Gmail.test', 'seed@gmail.test', 'gmail', 0, 'a', 'a');
    INSERT INTO test_sends (tenant_id, option, server_id, from_header, subject, text_body, send_key, state, created_at, updated_at) VALUES ('t1', 2, 7, 'Acme <a@acme.example>', 'Hello', 'body', 'sk1', 'queued', 'a', 'a');
    INSERT INTO test_send_recipients (send_id, address, state, error_code) VALUES (1, 'seed@gmail.test', 'queued', NULL);
    INSERT INTO send_queue (send_id, idempotency_key, created_at, updated_at) VALUES (1, 'q1', 'a', 'a');
    INSERT INTO dmarc_failures (digest, domain, arrival, source_ip, subject, recipients, imported_at) VALUES ('${'a'.repeat(64)}', 'acme.example', 1700000000, '192.0.2.9', NULL, '', 'a');
    INSERT INTO dmarc_mailbox (id, host, user, updated_at) VALUES (1, 'imap.acme.example', 'dmarc', 'a');
    INSERT INTO dmarc_legitimate_senders (domain, sender_domain, marked_at) VALUES ('acme.example', 'mail.newstool.example', 'a');
    INSERT INTO alerts (fact_key, kind, tenant_id, title, detail, raised_at, acknowledged_at) VALUES ('dkim-gone:t1:x', 'dkim-gone', 't1', 'DKIM gone', '', 'a', NULL);
    INSERT INTO dkim_keys (tenant_id, host, public_key, first_seen_pending_at, first_seen_active_at) VALUES ('t1', 's1._domainkey.acme.example', 'MIGf', NULL, 'a');
    INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, queued_at, updated_at) VALUES ('t1', 3, 's1._domainkey.acme.example', 'MIGf', 'queued', 'a', 'a');
    INSERT INTO tenant_bulk_mail (tenant_id, bulk_mail, updated_at) VALUES ('t1', 'broadcast', 'a');
  `);
  db.prepare("UPDATE tenants SET notes = ? WHERE id = 't1'").run(tricky);
  db.close();
}

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]),
  );
}

describe('behalf export / import-ledger (issue #20 item 3)', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`${format}: export → import-ledger into an empty ledger → export is byte-identical`, async () => {
      const a = tempDir();
      populate(a);
      const first = path.join(tempDir(), 'export');
      const r1 = await cli('export', '--out', first, '--format', format, '--json', '--home', a);
      expect(r1.code, r1.err + r1.out).toBe(0);
      const b = tempDir();
      const imported = await cli('import-ledger', first, '--json', '--home', b);
      expect(imported.code, imported.err + imported.out).toBe(0);
      const second = path.join(tempDir(), 'export');
      expect((await cli('export', '--out', second, '--format', format, '--home', b)).code).toBe(0);
      const one = readTree(first);
      expect(readTree(second)).toEqual(one);
      // What is in it, and what is not.
      const manifest = JSON.parse(one['manifest.json']!);
      const counts = Object.fromEntries(manifest.tables.map((t: { name: string; rows: number }) => [t.name, t.rows]));
      expect(counts).toEqual({
        settings: 1,
        tenants: 2,
        tenant_tags: 3,
        audit: 2,
        dns_checks: 1,
        deferred_removals: 1,
        postmark_objects: 1,
        dmarc_reports: 1,
        dmarc_rows: 1,
        dmarc_chosen_records: 1,
        dmarc_failures: 1,
        dmarc_mailbox: 1,
        dmarc_legitimate_senders: 1,
        seed_inboxes: 1,
        test_sends: 1,
        test_send_recipients: 1,
        alerts: 1,
        dkim_keys: 1,
        dkim_rotations: 1,
        tenant_bulk_mail: 1,
      });
      expect(Object.keys(one).sort()).toEqual(['manifest.json', ...manifest.tables.map((t: { file: string }) => t.file)].sort());
      for (const n of fs.readdirSync(first)) expect(fs.statSync(path.join(first, n)).mode & 0o777).toBe(0o600);
      expect(one[`tenants.${format}`]).toContain('ünïcødé');
      // The imported ledger works: the CLI reads it.
      const list = JSON.parse((await cli('tenants', 'list', '--json', '--home', b)).out);
      expect(list.rows.map((t: { name: string }) => t.name).sort()).toEqual(['0', 'Acme']);
    });
  }

  it('json keeps NULL, empty text and "0" apart', async () => {
    const a = tempDir();
    populate(a);
    const out = path.join(tempDir(), 'export');
    await cli('export', '--out', out, '--home', a);
    const audit = JSON.parse(fs.readFileSync(path.join(out, 'audit.json'), 'utf8'));
    expect(audit[0]).toMatchObject({ old_value: null, new_value: '' });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'tenants.json'), 'utf8'))[1]).toMatchObject({ name: '0', option: null, notes: '' });
  });

  it('csv keeps NULL (empty), empty text ("") and "0" apart', async () => {
    const a = tempDir();
    populate(a);
    const out = path.join(tempDir(), 'export');
    await cli('export', '--out', out, '--format', 'csv', '--home', a);
    const lines = fs.readFileSync(path.join(out, 'tenants.csv'), 'utf8').split('\n');
    expect(lines[0]).toBe(
      '"id","name","name_lc","contact_name","contact_email","domain","from_address","from_name","option","status","notes","created_at","updated_at"',
    );
    expect(lines.find((l) => l.startsWith('"t2"'))).toBe('"t2","0","0","","","zero.example","","",,"draft","","2026-01-01","2026-01-01"');
  });

  it('refuses a ledger that is not empty, and imports nothing', async () => {
    const a = tempDir();
    populate(a);
    const out = path.join(tempDir(), 'export');
    await cli('export', '--out', out, '--home', a);
    const b = tempDir();
    await cli('tenants', 'add', '--name', 'Existing', '--domain', 'existing.example', '--home', b);
    const r = await cli('import-ledger', out, '--json', '--home', b);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'import.not-empty', message: expect.stringContaining('tenants: 1') });
    const list = JSON.parse((await cli('tenants', 'list', '--json', '--home', b)).out);
    expect(list.total).toBe(1);
  });

  it('a damaged export is refused whole: nothing is imported', async () => {
    const a = tempDir();
    populate(a);
    const out = path.join(tempDir(), 'export');
    await cli('export', '--out', out, '--format', 'csv', '--home', a);
    fs.appendFileSync(path.join(out, 'test_sends.csv'), 'garbage\n');
    const b = tempDir();
    const r = await cli('import-ledger', out, '--json', '--home', b);
    expect(JSON.parse(r.out).error.code).toBe('import.invalid');
    expect(JSON.parse((await cli('tenants', 'list', '--json', '--home', b)).out).total).toBe(0);
  });

  it('export refuses a folder with files in it', async () => {
    const a = tempDir();
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'old.json'), '[]');
    const r = await cli('export', '--out', out, '--json', '--home', a);
    expect(JSON.parse(r.out).error.code).toBe('export.not-empty');
  });
});
