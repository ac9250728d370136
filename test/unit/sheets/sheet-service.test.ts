import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { createCheckStore } from '../../../src-main/dns/check-store';
import type { CheckReport } from '../../../src-main/dns/report';
import { readZip } from './zip-read';
import { startNsd, startSilentDns, type NsdServer } from '../../support/nsd';
import { addAwaitingTenant, insertPostmarkDomain, postmarkDomainDetails, SAMPLE_DKIM_VALUE } from '../../support/sheet-ledger';
import { tempServices } from '../../support/temp';

const ZONE = (ns: string[]) => `$ORIGIN acme.test.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 86400 120
${ns.map((n) => `@ IN NS ${n}.`).join('\n')}
`;

let nsd: NsdServer;
beforeAll(async () => {
  nsd = await startNsd({ zones: { 'acme.test': ZONE(['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com']) } });
});
afterAll(() => nsd?.stop());

function report(domain: string): CheckReport {
  return {
    domain,
    checkedAt: '2026-01-01T10:00:00.000Z',
    option: 1,
    records: [
      {
        kind: 'dkim',
        name: `x._domainkey.${domain}`,
        requirement: 'required',
        status: 'ok',
        cause: 'ok',
        observed: 'k=rsa; p=…',
        expected: null,
        ttl: null,
        message: '',
        fix: '',
      },
      {
        kind: 'return-path',
        name: `pm-bounces.${domain}`,
        requirement: 'required',
        status: 'mismatch',
        cause: 'proxied-cname',
        observed: '104.21.3.4',
        expected: 'pm.mtasv.net',
        ttl: null,
        message: '',
        fix: '',
      },
    ],
    dmarc: null,
    option2: { verdict: 'unknown', reason: '' },
    authoritative: { zone: null, servers: [] },
  } as CheckReport;
}

describe('sheet service', () => {
  it('gathers tenant, pending DKIM, Return-Path, last check and vendor name; provider given', async () => {
    const s = tempServices();
    s.settings.update({ vendorName: 'Northwind Mailer' });
    const t = addAwaitingTenant(s, 'Acme', 'acme.test', 101);
    createCheckStore(s.db).save(t.id, report('acme.test'));
    const g = await s.sheets.gather(t.id, 'route53');
    expect(g.providerSource).toBe('given');
    expect(g.input).toMatchObject({
      tenant: { name: 'Acme', domain: 'acme.test', contactName: 'Jordan Lee' },
      option: 1,
      provider: 'route53',
      vendorName: 'Northwind Mailer',
      records: {
        dkim: { host: '20240817055129pm._domainkey.acme.test', value: SAMPLE_DKIM_VALUE },
        returnPath: { host: 'pm-bounces.acme.test', target: 'pm.mtasv.net' },
      },
      lastCheck: { dkim: { status: 'ok' }, returnPath: { status: 'mismatch', cause: 'proxied-cname', observed: '104.21.3.4' } },
    });
    const { sheet } = await s.sheets.preview(t.id, 'route53');
    expect(sheet.records.map((r) => [r.kind, r.status.tone])).toEqual([
      ['dkim', 'ok'],
      ['returnPath', 'failing'],
    ]);
    expect(sheet.records[1]!.status.detail).toMatch(/DNS only/);
  });

  it('uses the active key when no rotation is pending, and ignores a check of another domain', async () => {
    const s = tempServices();
    const t = s.tenants.create({ name: 'Beta', domain: 'beta.com', option: 1 });
    insertPostmarkDomain(
      s,
      t.id,
      postmarkDomainDetails('beta.com', 7, {
        DKIMPendingHost: '',
        DKIMPendingTextValue: '',
        DKIMHost: 'k1._domainkey.beta.com',
        DKIMTextValue: 'k=rsa; p=ACTIVE',
        ReturnPathDomain: '',
      }),
    );
    createCheckStore(s.db).save(t.id, report('old-beta.com'));
    const g = await s.sheets.gather(t.id, 'generic');
    expect(g.input.records).toEqual({ dkim: { host: 'k1._domainkey.beta.com', value: 'k=rsa; p=ACTIVE' } });
    expect(g.input.lastCheck).toBeUndefined();
  });

  it('says to provision the domain in Postmark first when there is no DKIM key', async () => {
    const s = tempServices();
    const none = s.tenants.create({ name: 'None', domain: 'none.com', option: 1 });
    await expect(s.sheets.gather(none.id, 'generic')).rejects.toMatchObject({
      code: 'sheet.domain-not-provisioned',
      message: /not provisioned in Postmark/,
      hint: /DKIM key comes from Postmark/,
    });
    const junk = s.tenants.create({ name: 'Junk', domain: 'junk.com', option: 1 });
    insertPostmarkDomain(s, junk.id, { ID: 9, Name: 'junk.com', DKIMHost: 42, DKIMTextValue: null, DKIMPendingHost: ['x'] });
    await expect(s.sheets.gather(junk.id, 'generic')).rejects.toMatchObject({ code: 'sheet.domain-not-provisioned', message: /not given a DKIM key/ });
    const undecided = s.tenants.create({ name: 'Undecided', domain: 'undecided.com' });
    await expect(s.sheets.gather(undecided.id)).rejects.toMatchObject({ code: 'sheet.no-option' });
    // Options 2 and 3 need nothing from Postmark DNS-wise.
    const o3 = s.tenants.create({ name: 'Three', domain: 'three.com', option: 3 });
    expect((await s.sheets.preview(o3.id)).sheet.records).toEqual([]);
  });

  it('detects the provider from NS records via BEHALF_DNS_SERVERS, then settings.dnsServers', async () => {
    const viaEnv = tempServices({ env: { BEHALF_DNS_SERVERS: nsd.server } });
    const a = addAwaitingTenant(viaEnv, 'Acme', 'acme.test', 1);
    const p = await viaEnv.sheets.preview(a.id);
    expect(p).toMatchObject({ providerSource: 'detected', detectedProvider: 'cloudflare', sheet: { provider: { id: 'cloudflare', name: 'Cloudflare' } } });
    expect(p.providers.map((x) => x.id)).toContain('squarespace');

    const viaSettings = tempServices();
    viaSettings.settings.update({ dnsServers: [nsd.server] });
    const b = addAwaitingTenant(viaSettings, 'Acme', 'acme.test', 1);
    expect((await viaSettings.sheets.gather(b.id)).detectedProvider).toBe('cloudflare');
  });

  it('falls back to generic when the name servers do not answer', async () => {
    const silent = await startSilentDns();
    try {
      const s = tempServices({ env: { BEHALF_DNS_SERVERS: silent.server } });
      const t = addAwaitingTenant(s, 'Acme', 'acme.test', 1);
      const g = await s.sheets.gather(t.id);
      expect(g).toMatchObject({ providerSource: 'fallback', input: { provider: 'generic' } });
      expect(g.detectedProvider).toBeUndefined();
    } finally {
      await silent.stop();
    }
  });

  it('exports one tenant over the contract as a one-shot download', async () => {
    const s = tempServices({ env: { BEHALF_DNS_SERVERS: nsd.server } });
    const t = addAwaitingTenant(s, 'Acme', 'acme.test', 1);
    const dispatch = createDispatch(createHandlers(s));
    // Guard rail: while the vendor is still "Vendor" with no domain, nothing leaves Behalf.
    expect(await dispatch('sheets.export', { id: t.id, format: 'zone', provider: 'generic' })).toMatchObject({
      ok: false,
      error: { code: 'settings.vendor-identity-default', message: expect.stringContaining('the vendor name is still the default "Vendor"') },
    });
    s.settings.update({ vendorName: 'Northwind Mail', vendorDomain: 'northwind-mail.test' });
    const r = await dispatch('sheets.export', { id: t.id, format: 'zone', provider: 'generic' });
    // Both the refusal and the export are in the tenant's Activity.
    const actions = s.tenants.auditTrail(t.id).map((e) => `${e.action}: ${e.newValue ?? ''}`);
    expect(actions).toContainEqual(expect.stringMatching(/^sheet\.exported-failed: Exporting the sheet is held back: the vendor name is still the default/));
    expect(actions).toContain('sheet.exported: Sheet exported as acme-acme.test.zone');
    expect(r).toEqual({ ok: true, value: { fileName: 'acme-acme.test.zone', downloadId: expect.any(String) } });
    const preview = await dispatch('sheets.preview', { id: t.id });
    expect(preview).toMatchObject({
      ok: true,
      value: { providerSource: 'detected', sheet: { records: [{ enterHost: '20240817055129pm._domainkey' }, { enterHost: 'pm-bounces' }] } },
    });
    expect(await dispatch('sheets.export', { id: t.id, format: 'docx' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it('bulk-exports every tenant awaiting DNS as one zip, skipping unprovisioned ones, with progress', async () => {
    const s = tempServices({ env: { BEHALF_DNS_SERVERS: nsd.server } });
    addAwaitingTenant(s, 'Acme', 'acme.test', 1);
    addAwaitingTenant(s, 'Beta', 'beta.com', 2);
    addAwaitingTenant(s, 'Gamma', 'gamma.com', 3, false);
    s.tenants.create({ name: 'Draft', domain: 'draft.com', option: 1 });
    const seen: number[] = [];
    const zip = await s.sheets.exportAll('md', { onProgress: (done) => seen.push(done) });
    expect(zip.entries.sort()).toEqual(['acme-acme.test.md', 'beta-beta.com.md']);
    expect(zip.skipped).toEqual([{ tenant: 'Gamma (gamma.com)', reason: expect.stringMatching(/not provisioned in Postmark/) }]);
    expect(seen.at(-1)).toBe(5);
    const files = await readZip(zip.body);
    expect(files.get('beta-beta.com.md')).toContain('pm-bounces.beta.com');

    const dispatch = createDispatch(createHandlers(s));
    s.settings.update({ vendorName: 'Northwind Mail', vendorDomain: 'northwind-mail.test' });
    const started = await dispatch('sheets.exportAll', { format: 'zone' });
    expect(started).toMatchObject({ ok: true });
    const taskId = (started as { value: { taskId: string } }).value.taskId;
    let result;
    for (let i = 0; i < 200; i++) {
      result = await dispatch('sheets.exportResult', { taskId });
      if ((result as { value: { state: string } }).value.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(result).toMatchObject({
      ok: true,
      value: {
        state: 'done',
        download: { fileName: expect.stringMatching(/^dns-sheets-zone-.*\.zip$/), downloadId: expect.any(String) },
        skipped: [{ tenant: 'Gamma (gamma.com)' }],
      },
    });
  });
});
