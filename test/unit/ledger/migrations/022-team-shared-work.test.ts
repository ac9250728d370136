import { describe, expect, it } from 'vitest';
import { freshLedgerFiles } from './fresh-ledgers';
import { migrations } from '../../../../src-main/ledger/migrations';
import { migration022 } from '../../../../src-main/ledger/migrations/022-team-shared-work';
import { openLedger, type Db } from '../../../../src-main/ledger/open';
import { triggerNames } from '../../../../src-main/ledger/capture-trigger-store';
import { SHARED_TABLES } from '../../../../src-main/ledger/shared-tables';

const ledgerFile = freshLedgerFiles('behalf-m022-');
const before022 = migrations.filter((m) => m.version < 22);

/** A ledger as migration 021 left it, with rows in the two tables 022 rebuilds. */
function ledgerWithData(file: string): void {
  const db = openLedger(file, before022);
  db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES ('t1', 'Acme', 'acme', 'acme.example', 't', 't')`).run();
  db.prepare(
    `INSERT INTO postmark_jobs (tenant_id, kind, payload_json, idempotency_key, created_at, updated_at) VALUES ('t1', 'delete-domain', '{}', 'j1', 't', 't')`,
  ).run();
  const removal = db.prepare(
    `INSERT INTO deferred_removals (tenant_id, from_option, to_option, kind, postmark_id, label, condition, state, job_id, created_at, updated_at)
     VALUES ('t1', 1, 2, ?, ?, 'acme.example', 'after-domain-verified', ?, ?, 't', 't')`,
  );
  removal.run('domain', 11, 'enqueued', 1);
  removal.run('sender', 12, 'waiting', null);
  removal.run('sender', 13, 'cancelled', null);
  db.prepare(`DELETE FROM deferred_removals WHERE postmark_id = 13`).run(); // the highest id is gone: never handed out again
  db.prepare(
    `INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, job_id, queued_at, deleted_check_id, updated_at)
     VALUES ('t1', 5, 'old._domainkey.acme.example', 'k=rsa; p=OLD', 'queued', 1, 't', 42, 't')`,
  ).run();
  db.close();
}

describe('migration 022 (team: shared work)', () => {
  it('is listed once, in version order', () => {
    expect(migrations.filter((m) => m.version === 22)).toEqual([migration022]);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('gives existing deferred removals and DKIM rotations a unique uid, keeping rows, ids, checks, indexes and foreign keys', () => {
    const file = ledgerFile();
    ledgerWithData(file);
    const db: Db = openLedger(file);
    try {
      const removals = db.prepare('SELECT id, postmark_id, state, job_id, uid FROM deferred_removals ORDER BY id').all() as {
        id: number;
        uid: string;
      }[];
      expect(removals.map(({ uid: _uid, ...r }) => r)).toEqual([
        { id: 1, postmark_id: 11, state: 'enqueued', job_id: 1 },
        { id: 2, postmark_id: 12, state: 'waiting', job_id: null },
      ]);
      const rotation = db.prepare('SELECT id, job_id, deleted_check_id, uid FROM dkim_rotations').get() as { id: number; uid: string };
      expect(rotation).toMatchObject({ id: 1, job_id: 1, deleted_check_id: 42 });
      const uids = [...removals.map((r) => r.uid), rotation.uid];
      for (const uid of uids) expect(uid).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(uids).size).toBe(3);

      // A new row gets a fresh uid and an id never used before; the one-waiting index and the checks still hold.
      db.prepare(
        `INSERT INTO deferred_removals (tenant_id, to_option, kind, postmark_id, label, condition, created_at, updated_at) VALUES ('t1', 2, 'domain', 14, 'x', 'after-domain-verified', 't', 't')`,
      ).run();
      expect(db.prepare('SELECT id, length(uid) AS n FROM deferred_removals WHERE postmark_id = 14').get()).toEqual({ id: 4, n: 32 });
      expect(() =>
        db
          .prepare(
            `INSERT INTO deferred_removals (tenant_id, to_option, kind, postmark_id, label, condition, created_at, updated_at) VALUES ('t1', 2, 'sender', 12, 'x', 'after-domain-verified', 't', 't')`,
          )
          .run(),
      ).toThrow(/UNIQUE/);
      expect(() => db.prepare(`UPDATE deferred_removals SET state = 'enqueued' WHERE id = 2`).run()).toThrow(/CHECK/);
      expect(() => db.prepare(`UPDATE deferred_removals SET uid = (SELECT uid FROM deferred_removals WHERE id = 1) WHERE id = 2`).run()).toThrow(/UNIQUE/);

      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(() =>
        db
          .prepare(
            `INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, queued_at, updated_at) VALUES ('t1', 5, 'h', 'k', 'queued', 't', 't')`,
          )
          .run(),
      ).toThrow(/UNIQUE/); // one open rotation per tenant
      expect(() =>
        db
          .prepare(
            `INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, queued_at, updated_at) VALUES ('nobody', 5, 'h', 'k', 'failed', 't', 't')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      db.prepare(`DELETE FROM tenants WHERE id = 't1'`).run();
      expect(db.prepare('SELECT count(*) AS n FROM dkim_rotations').get()).toEqual({ n: 0 });
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map(
        (r) => r.name,
      );
      expect(indexes).toEqual(
        expect.arrayContaining(['deferred_removals_tenant', 'deferred_removals_one_waiting', 'dkim_rotations_one_open', 'dkim_rotations_tenant']),
      );
    } finally {
      db.close();
    }
  });

  it('installs capture triggers on every table it shares, which record with the team keys (uid, refs)', () => {
    const file = ledgerFile();
    ledgerWithData(file);
    // As 022 left it: since migration 024 a single-user ledger has no triggers until team mode starts.
    const db = openLedger(
      file,
      migrations.filter((m) => m.version <= 22),
    );
    try {
      for (const name of ['postmark_jobs', 'deferred_removals', 'dkim_rotations', 'dmarc_rows', 'alerts', 'test_send_recipients', 'send_queue'])
        for (const trigger of triggerNames(SHARED_TABLES.find((t) => t.name === name)!))
          expect(db.prepare(`SELECT 1 AS x FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(trigger), trigger).toEqual({ x: 1 });
      db.prepare(`UPDATE team_capture SET capturing = 1`).run();
      db.prepare(`UPDATE dkim_rotations SET stage = 'new-key-pending'`).run();
      db.prepare(`UPDATE deferred_removals SET note = 'n' WHERE id = 1`).run();
      const changes = db.prepare('SELECT table_name, key_json, new_json FROM team_changes ORDER BY seq').all() as {
        table_name: string;
        key_json: string;
        new_json: string;
      }[];
      const rotationUid = (db.prepare('SELECT uid FROM dkim_rotations').get() as { uid: string }).uid;
      expect(changes[0]!.table_name).toBe('dkim_rotations');
      expect(JSON.parse(changes[0]!.key_json)).toEqual([rotationUid]);
      const rotation = JSON.parse(changes[0]!.new_json);
      expect(rotation).toMatchObject({ job_id: 'j1', stage: 'new-key-pending' }); // the job by its idempotency key
      expect(rotation).not.toHaveProperty('deleted_check_id'); // a local dns_checks row: stays on this console
      expect(JSON.parse(changes[1]!.new_json)).toMatchObject({ job_id: 'j1', note: 'n' });
      // A failure report travels without the personal data an operator may have chosen to keep on this console.
      db.prepare(
        `INSERT INTO dmarc_failures (digest, domain, subject, recipients, imported_at) VALUES (?, 'acme.example', 'Your invoice', 'jo@example.com', 't')`,
      ).run('a'.repeat(64));
      const failure = db.prepare(`SELECT key_json, new_json FROM team_changes WHERE table_name = 'dmarc_failures'`).get() as {
        key_json: string;
        new_json: string;
      };
      expect(JSON.parse(failure.key_json)).toEqual(['a'.repeat(64)]);
      expect(JSON.parse(failure.new_json)).toMatchObject({ domain: 'acme.example' });
      expect(failure.new_json).not.toMatch(/invoice|jo@example/);
    } finally {
      db.close();
    }
  });
});
