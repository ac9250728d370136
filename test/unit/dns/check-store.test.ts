import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker } from '../../../src-main/dns/check-domain';
import { createCheckStore } from '../../../src-main/dns/check-store';
import type { CheckReport } from '../../../src-main/dns/report';
import { migration001 } from '../../../src-main/ledger/migrations/001-tenants';
import { migration004 } from '../../../src-main/ledger/migrations/004-dns-checks';
import { migrate } from '../../../src-main/ledger/open';
import { startNsd, type NsdServer } from '../../support/nsd';
import { DRIFT_V1, DRIFT_V2, MAIN_ZONES, driftInput } from '../../support/nsd/zoneFixtures';

function ledger() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-store-'));
  const db = new Database(path.join(dir, 'ledger.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001, migration004]);
  const add = db.prepare(`INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')`);
  add.run('t1', 'Drift', 'drift', 'drift.test');
  add.run('t2', 'Good', 'good', 'good.test');
  return db;
}

describe('check store (SQLite + reports from nsd)', () => {
  let nsd: NsdServer;
  let v1: CheckReport;
  let v2: CheckReport;
  let good: CheckReport;
  beforeAll(async () => {
    nsd = await startNsd({ zones: { ...MAIN_ZONES, 'drift.test': DRIFT_V1 } });
    const checker = createDnsChecker({ servers: [nsd.server], timeout: 400, tries: 1, authoritative: { port: nsd.port } });
    v1 = await checker.check(driftInput(1));
    good = await checker.check({ domain: 'good.test', option: 2 });
    await nsd.reload({ ...MAIN_ZONES, 'drift.test': DRIFT_V2 });
    v2 = await checker.check(driftInput(1));
  });
  afterAll(async () => nsd?.stop());

  it('saves reports with their summary status and drift against the previous one', () => {
    const store = createCheckStore(ledger());
    const first = store.save('t1', v1);
    expect(first).toMatchObject({ tenantId: 't1', domain: 'drift.test', status: 'ok', drift: [] });
    const second = store.save('t1', v2);
    expect(second.status).toBe('failing');
    expect(second.drift.map((d) => d.code)).toEqual(['dkim-gone', 'cname-changed', 'spf-over-limit']);
    expect(second.id).toBeGreaterThan(first.id);
  });

  it('returns the latest per tenant, history newest first with paging, and a summary per tenant', () => {
    const store = createCheckStore(ledger());
    expect(store.latest('t1')).toBeNull();
    const a = store.save('t1', v1);
    const b = store.save('t1', v2);
    const c = store.save('t1', v1);
    store.save('t2', good);
    expect(store.latest('t1')).toEqual(c);
    expect(c.drift.map((d) => d.code)).toEqual(['record-recovered', 'cname-changed', 'record-recovered']);
    expect(store.history('t1').map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    expect(store.history('t1', { limit: 2 }).map((s) => s.id)).toEqual([c.id, b.id]);
    expect(store.history('t1', { beforeId: b.id }).map((s) => s.id)).toEqual([a.id]);
    expect(store.history('t1')[1]?.report).toEqual(v2);
    expect(store.latestAll()).toEqual([
      { tenantId: 't1', domain: 'drift.test', checkedAt: v1.checkedAt, status: 'ok', driftCount: 3 },
      { tenantId: 't2', domain: 'good.test', checkedAt: good.checkedAt, status: 'ok', driftCount: 0 },
    ]);
  });

  it('does not compute drift across different domains of one tenant', () => {
    const store = createCheckStore(ledger());
    store.save('t1', v1);
    expect(store.save('t1', good).drift).toEqual([]);
    expect(store.save('t1', v2).drift.map((d) => d.code)).toContain('dkim-gone');
  });

  it('refuses a tenant that does not exist', () => {
    const store = createCheckStore(ledger());
    expect(() => store.save('ghost', v1)).toThrow(/FOREIGN KEY/);
  });
});
