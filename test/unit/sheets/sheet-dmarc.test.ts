import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { createCheckStore } from '../../../src-main/dns/check-store';
import type { CheckReport } from '../../../src-main/dns/report';
import { parseZoneFragment } from '../../../src-main/sheets/zone-parse';
import { addAwaitingTenant, insertPostmarkDomain, postmarkDomainDetails } from '../../support/sheet-ledger';
import { tempDir, tempServices } from '../../support/temp';

/** The DMARC record chosen in the tenant's DMARC tab, as the tenant's DNS sheet shows it in every format. */

const VALUE = 'v=DMARC1; p=quarantine; adkim=s; rua=mailto:dmarc@reports.vendor.net';
const NAME = '_dmarc.acme.test';
const AUTH = 'acme.test._report._dmarc.reports.vendor.net';

async function tenantWithChoice(choose = true) {
  const s = tempServices();
  s.settings.update({ vendorName: 'Northwind Mailer' });
  const t = addAwaitingTenant(s, 'Acme', 'acme.test', 101);
  if (choose) {
    const r = await createDispatch(createHandlers(s))('dmarc.saveRecord', {
      id: t.id,
      input: { p: 'quarantine', adkim: 's', rua: ['mailto:dmarc@reports.vendor.net'] },
    });
    expect(r).toMatchObject({ ok: true, value: { value: VALUE } });
  }
  return { s, t };
}
const text = async (s: ReturnType<typeof tempServices>, id: string, format: 'md' | 'zone' | 'csv') =>
  (await s.sheets.render(id, format, { provider: 'generic' })).body.toString('utf8');

function pdfText(body: Buffer): string {
  const file = path.join(tempDir('behalf-sheet-dmarc-'), 'sheet.pdf');
  fs.writeFileSync(file, body);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

function checkWithDmarc(observed: string | null, cause: 'ok' | 'dmarc-missing' | 'dmarc-multiple', name = NAME): CheckReport {
  return {
    domain: 'acme.test',
    checkedAt: '2026-01-01T10:00:00.000Z',
    option: 1,
    records: [
      {
        kind: 'dmarc',
        name,
        requirement: 'recommended',
        status: cause === 'ok' ? 'ok' : 'warning',
        cause,
        observed,
        expected: null,
        ttl: null,
        message: '',
        fix: '',
      },
    ],
    dmarc: null,
    option2: { verdict: 'unknown', reason: '' },
    authoritative: { zone: null, servers: [] },
  } as unknown as CheckReport;
}

describe('DNS sheet with a chosen DMARC record', () => {
  it('lists the DMARC record and its report permission exactly in md, zone, csv and the PDF text', async () => {
    const { s, t } = await tenantWithChoice();
    const md = await text(s, t.id, 'md');
    expect(md).toContain(VALUE);
    expect(md).toContain(NAME);
    expect(md).toContain(AUTH);

    const zone = await text(s, t.id, 'zone');
    const parsed = parseZoneFragment(zone);
    expect(parsed).toContainEqual({ name: NAME, ttl: 3600, type: 'TXT', value: VALUE });
    expect(parsed).toContainEqual({ name: AUTH, ttl: 3600, type: 'TXT', value: 'v=DMARC1' });

    const csv = await text(s, t.id, 'csv');
    const dmarcLine = csv.split(/\r?\n/).find((l) => l.includes(NAME) && !l.includes('_report'));
    expect(dmarcLine).toBeDefined();
    expect(dmarcLine).toContain(VALUE);
    expect(csv).toContain(AUTH);

    const pdf = pdfText((await s.sheets.render(t.id, 'pdf', { provider: 'generic' })).body);
    for (const literal of [NAME, VALUE, AUTH, '_dmarc']) expect(pdf).toContain(literal);

    const { sheet } = await s.sheets.preview(t.id, 'generic');
    expect(sheet.records.map((r) => [r.kind, r.fqdn, r.value])).toEqual([
      ['dkim', '20240817055129pm._domainkey.acme.test', expect.any(String)],
      ['returnPath', 'pm-bounces.acme.test', 'pm.mtasv.net'],
      ['dmarc', NAME, VALUE],
      ['dmarcReportAuth', AUTH, 'v=DMARC1'],
    ]);
    expect(sheet.title).toMatch(/4 DNS records/);
  });

  it('has no DMARC record without a choice, nor after the choice is cleared', async () => {
    const { s, t } = await tenantWithChoice(false);
    for (const format of ['md', 'zone', 'csv'] as const) expect(await text(s, t.id, format)).not.toContain('_dmarc');
    expect(pdfText((await s.sheets.render(t.id, 'pdf', { provider: 'generic' })).body)).not.toContain('_dmarc');

    const chosen = await tenantWithChoice();
    expect(await text(chosen.s, chosen.t.id, 'md')).toContain(VALUE);
    await createDispatch(createHandlers(chosen.s))('dmarc.clearRecord', { id: chosen.t.id });
    expect(await text(chosen.s, chosen.t.id, 'md')).not.toContain('_dmarc');
  });

  it('keeps the report permission in the report domain even when its TLD is not a public one', async () => {
    const { s, t } = await tenantWithChoice(false);
    await createDispatch(createHandlers(s))('dmarc.saveRecord', { id: t.id, input: { p: 'none', rua: ['mailto:dmarc@reports.vendor.example'] } });
    const { sheet } = await s.sheets.preview(t.id, 'generic');
    expect(sheet.records.find((r) => r.kind === 'dmarcReportAuth')).toMatchObject({
      fqdn: 'acme.test._report._dmarc.reports.vendor.example',
      inTenantZone: false,
      zone: 'vendor.example',
    });
  });

  it('drops a choice made for the old domain once the tenant moves to another one', async () => {
    const { s, t } = await tenantWithChoice();
    s.tenants.update(t.id, { domain: 'acme-new.test' });
    insertPostmarkDomain(s, t.id, postmarkDomainDetails('acme-new.test', 102));
    const { sheet } = await s.sheets.preview(t.id, 'generic');
    expect(sheet.records.map((r) => r.kind)).toEqual(['dkim', 'returnPath']);
    expect(await createDispatch(createHandlers(s))('dmarc.savedRecord', { id: t.id })).toMatchObject({
      ok: true,
      value: { record: { domain: 'acme.test', inSheet: false, sheetNote: expect.stringMatching(/chosen for acme\.test.*now sends as acme-new\.test/) } },
    });
  });

  it('leaves the report permission out when reports stay in the same organisational domain', async () => {
    const { s, t } = await tenantWithChoice(false);
    await createDispatch(createHandlers(s))('dmarc.saveRecord', { id: t.id, input: { p: 'none', rua: ['mailto:dmarc@acme.test'] } });
    const { sheet } = await s.sheets.preview(t.id, 'generic');
    expect(sheet.records.map((r) => r.kind)).toEqual(['dkim', 'returnPath', 'dmarc']);
  });

  it('takes the status from the last check, comparing what is published with the chosen value', async () => {
    const cases: Array<[CheckReport, string, RegExp]> = [
      [checkWithDmarc(VALUE.replace(/; /g, ';'), 'ok'), 'ok', /Found and correct/],
      [checkWithDmarc('v=DMARC1; p=none', 'ok'), 'failing', /different/],
      [checkWithDmarc(null, 'dmarc-missing'), 'failing', /Not found/],
      [checkWithDmarc('_dmarc.test: v=DMARC1; p=none', 'ok'), 'failing', /Not found/],
      [checkWithDmarc('v=DMARC1; p=none | v=DMARC1; p=reject', 'dmarc-multiple'), 'failing', /different/],
      [checkWithDmarc(VALUE, 'ok', '_dmarc.other.test'), 'unknown', /Not checked yet/],
    ];
    for (const [report, tone, label] of cases) {
      const { s, t } = await tenantWithChoice();
      createCheckStore(s.db).save(t.id, report);
      const { sheet } = await s.sheets.preview(t.id, 'generic');
      const dmarc = sheet.records.find((r) => r.kind === 'dmarc')!;
      expect(dmarc.status.tone, JSON.stringify(report.records[0])).toBe(tone);
      expect(dmarc.status.label).toMatch(label);
      expect(sheet.records.find((r) => r.kind === 'dmarcReportAuth')!.status.tone).toBe('unknown');
    }
  });
});
