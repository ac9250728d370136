import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { startNsd, type NsdServer } from '../../support/nsd';
import { DRIFT_V1, DRIFT_V2, KEY_1024, MAIN_ZONES, OTHER_KEY_1024, SELECTOR, dkimValue } from '../../support/nsd/zoneFixtures';
import { tempDir } from '../../support/temp';

let nsd: NsdServer;
let env: Record<string, string>;

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, { ...env, ...extraEnv });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** What provisioning (issue #3) leaves in the ledger: the Postmark domain with its DomainDetails. */
function linkPostmarkDomain(home: string, tenantId: string, domain: string, details: Record<string, unknown>) {
  const db = new Database(path.join(home, 'ledger.sqlite'));
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO postmark_objects (tenant_id, kind, postmark_id, name, name_lc, details_json, created_at, updated_at) VALUES (?, 'domain', ?, ?, ?, ?, ?, ?)`,
  ).run(tenantId, Math.floor(Math.random() * 1e6), domain, domain, JSON.stringify(details), now, now);
  db.close();
}

async function addTenant(home: string, name: string, domain: string, option: string): Promise<string> {
  const r = await cli(['tenants', 'add', '--name', name, '--domain', domain, '--option', option, '--json', '--home', home]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { id: string }).id;
}

describe('behalf check (nsd)', () => {
  beforeAll(async () => {
    nsd = await startNsd({ zones: { ...MAIN_ZONES, 'drift.test': DRIFT_V1 } });
    // The fixture zones' name servers are 127.0.0.1 on nsd's port: the authoritative view works too.
    env = { BEHALF_DNS_SERVERS: nsd.server, BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port) };
  });
  afterAll(async () => nsd?.stop());

  it('checks a domain ad hoc: JSON shape, exit 0 when every record is ok', async () => {
    const home = tempDir();
    const dkim = ['--dkim-host', `${SELECTOR}._domainkey`, '--dkim-value', dkimValue(KEY_1024)];
    const r = await cli(['check', '--domain', 'good.test', '--option', '1', ...dkim, '--json', '--home', home]);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      domain: 'good.test',
      option: 1,
      status: 'ok',
      option2: { verdict: 'delivers-unaligned' },
      dmarc: { p: 'none', applied: 'none' },
    });
    expect(json.records.map((x: { kind: string }) => x.kind)).toEqual(['dkim', 'return-path', 'dmarc', 'spf', 'mx']);
    expect(json.records.every((x: { status: string; cause: string }) => x.status === 'ok' && x.cause === 'ok')).toBe(true);
    expect(json.records[0]).toMatchObject({ name: `${SELECTOR}._domainkey.good.test`, expected: dkimValue(KEY_1024) });
    expect(json.authoritative.servers.length).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it('exits 1 with a table of kind, name, status, cause and the fix when a record is not ok', async () => {
    const home = tempDir();
    const r = await cli([
      'check',
      '--domain',
      'broken.test',
      '--option',
      '1',
      '--dkim-host',
      `${SELECTOR}._domainkey`,
      '--dkim-value',
      dkimValue(KEY_1024),
      '--home',
      home,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/KIND\s+NAME\s+STATUS\s+CAUSE/);
    expect(r.out).toMatch(new RegExp(`dkim\\s+${SELECTOR}\\._domainkey\\.broken\\.test\\s+missing\\s+doubled-suffix`));
    expect(r.out).toMatch(/fix: .+/);
    // One vocabulary: an informational record that is absent reads "none found", never "ok"; the summary says what failed.
    expect(r.out).toMatch(/mx\s+broken\.test\s+none found\s+nodata/);
    expect(r.out).toMatch(/^broken\.test: DNS failing \(option 1\)/);
    const mismatch = await cli([
      'check',
      '--domain',
      'broken.test',
      '--option',
      '1',
      '--dkim-host',
      'mismatch._domainkey',
      '--dkim-value',
      dkimValue(KEY_1024),
      '--json',
      '--home',
      home,
    ]);
    expect(mismatch.code).toBe(1);
    expect(JSON.parse(mismatch.out).records[0]).toMatchObject({ cause: 'dkim-mismatch', observed: dkimValue(OTHER_KEY_1024) });
    // --dns-server overrides the environment's servers
    const direct = await cli(['check', '--domain', 'reject.test', '--option', '2', '--dns-server', nsd.server, '--json', '--home', home], {
      BEHALF_DNS_SERVERS: '127.0.0.1:9',
    });
    expect(JSON.parse(direct.out)).toMatchObject({
      status: 'failing',
      option2: { verdict: 'will-fail', reason: expect.stringMatching(/^p=reject on reject\.test/) },
    });
    expect(direct.code).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    const home = tempDir();
    for (const args of [
      ['check'],
      ['check', '--domain', 'good.test', '--tenant', 'x'],
      ['check', '--domain', 'good.test', '--option', '4'],
      ['check', '--domain', 'not a domain'],
      ['check', '--domain', 'good.test', '--dns-server', 'not-an-ip'],
      ['check', '--domain', 'good.test', '--dkim-value', 'k=rsa; p=x'],
      ['check', '--all', '--status', 'nope'],
      ['check', '--domain', 'good.test', '--bogus'],
    ]) {
      const r = await cli([...args, '--home', home]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^behalf: /);
    }
  });

  it('checks a tenant by name with its Postmark DKIM, saves it, and says "provision first" without one', async () => {
    const home = tempDir();
    const id = await addTenant(home, 'Good Co', 'good.test', '1');
    const before = JSON.parse((await cli(['check', '--tenant', 'Good Co', '--json', '--home', home])).out);
    expect(before.records[0]).toMatchObject({
      kind: 'dkim',
      cause: 'not-checked',
      status: 'warning',
      fix: expect.stringMatching(/^Provision the tenant in Postmark first/),
    });
    linkPostmarkDomain(home, id, 'good.test', {
      DKIMPendingHost: `${SELECTOR}._domainkey.good.test`,
      DKIMPendingTextValue: dkimValue(KEY_1024),
      ReturnPathDomain: 'pm-bounces.good.test',
      DKIMRevokedHost: '20230101000000pm._domainkey.good.test',
      SafeToRemoveRevokedKeyFromDNS: true,
    });
    const r = await cli(['check', '--tenant', id, '--json', '--home', home]);
    const json = JSON.parse(r.out);
    expect(json.tenant).toEqual({ id, name: 'Good Co' });
    const byKind = Object.fromEntries(json.records.map((x: { kind: string }) => [x.kind, x]));
    expect(byKind.dkim).toMatchObject({ cause: 'ok', status: 'ok' });
    expect(byKind['dkim-revoked']).toMatchObject({ cause: 'revoked-key-still-published', status: 'warning' });
    expect(json.drift).toEqual([expect.objectContaining({ code: 'record-recovered', kind: 'dkim' })]);
    expect(r.code).toBe(1); // the revoked key is still published: a warning is not ok
    const db = new Database(path.join(home, 'ledger.sqlite'), { readonly: true });
    const trail = db.prepare(`SELECT new_value FROM audit WHERE tenant_id = ? AND action = 'dns-check' ORDER BY id`).all(id) as { new_value: string }[];
    const saved = db.prepare(`SELECT count(*) AS n FROM dns_checks WHERE tenant_id = ?`).get(id) as { n: number };
    db.close();
    expect(saved.n).toBe(2);
    expect(trail.map((t) => t.new_value)).toEqual([
      expect.stringMatching(/^good\.test warning, 4\/5 records ok: dkim not-checked$/),
      expect.stringMatching(/^good\.test warning, 5\/6 records ok: dkim-revoked revoked-key-still-published$/),
    ]);
  });

  it('rechecks every tenant with progress on stderr and reports drift after the zone changes', async () => {
    const home = tempDir();
    await addTenant(home, 'Drifty', 'drift.test', '2');
    await addTenant(home, 'Rejecting', 'reject.test', '2');
    await addTenant(home, 'Plain', 'nodmarc.test', '3');
    const first = await cli(['check', '--all', '--json', '--home', home]);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/checked 3\/3/);
    const s1 = JSON.parse(first.out);
    expect(s1).toMatchObject({ state: 'done', done: 3, total: 3, drift: [] });
    const groups = Object.fromEntries(s1.groups.map((g: { cause: string }) => [g.cause, g]));
    expect(groups['option2-will-fail']).toMatchObject({ count: 1, tenants: [expect.objectContaining({ tenantName: 'Rejecting', domain: 'reject.test' })] });

    await nsd.reload({ ...MAIN_ZONES, 'drift.test': DRIFT_V2 });
    try {
      const second = await cli(['check', '--all', '--option', '2', '--home', home]);
      expect(second.code).toBe(1);
      expect(second.out).toMatch(/2 of 2 tenant\(s\) checked/);
      expect(second.out).toMatch(/Drift since the previous check:\n/);
      expect(second.out).toMatch(/Drifty \(drift\.test\) \[alert\] dmarc-tightened: DMARC went from none to reject/);
      expect(second.out).toMatch(/Drifty \(drift\.test\) \[alert\] spf-over-limit/);
      expect(second.out).not.toMatch(/Plain/);
    } finally {
      await nsd.reload({ ...MAIN_ZONES, 'drift.test': DRIFT_V1 });
    }
  });
});
