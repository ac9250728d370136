import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../src-main/postmark/outbox/object-store';
import { runCli } from '../../../src-main/cli/main';
import { tempDir, tempServices } from '../../support/temp';
import { zipArchive } from '../../support/dmarc/archives';
import { gzip, reportXml } from '../../support/dmarc/report-builder';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES } from '../../support/nsd/zoneFixtures';

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64');
const xml = (reportId: string, domain = 'acme.example') =>
  reportXml({
    reportId,
    domain,
    begin: '2025-03-01',
    rows: [
      { ip: '198.51.100.10', count: 40, dkim: 'pass', spf: 'pass' },
      { ip: '203.0.113.5', count: 2, dkim: 'fail', spf: 'fail' },
    ],
  });

let nsd: NsdServer;
beforeAll(async () => {
  nsd = await startNsd({ zones: MAIN_ZONES });
});
afterAll(async () => nsd?.stop());

describe('DmarcService', () => {
  it('imports uploads as a task and reports errors under the uploaded names with hints', async () => {
    const s = tempServices();
    try {
      const { taskId } = s.dmarc.importFiles([
        { name: 'google.xml', base64: b64(xml('A')) },
        { name: 'C:\\Users\\me\\yahoo.xml.gz', base64: b64(gzip(xml('B'))) },
        { name: 'outlook.zip', base64: b64(zipArchive([{ name: 'r.xml', data: xml('C') }])) },
        { name: '../../evil.xml', base64: b64('<!DOCTYPE x [<!ENTITY a "b">]><feedback/>') },
        { name: 'photo.png', base64: b64('png') },
      ]);
      const r = await waitDone(s, taskId);
      expect(r).toMatchObject({ state: 'done', files: 5, imported: 3, duplicates: 0, records: 6, messages: 126 });
      expect(r.errors.map((e) => [e.file, e.code])).toEqual([
        ['../../evil.xml', 'dmarc.dtd-forbidden'],
        ['photo.png', 'dmarc.unsupported-file'],
      ]);
      expect(r.errors[0]!.hint).toMatch(/DOCTYPE/);
      expect(s.dmarc.domains()).toEqual([{ domain: 'acme.example', reports: 3, messages: 126, firstDay: '2025-03-01', lastDay: '2025-03-01', tenant: null }]);
    } finally {
      s.close();
    }
  });

  it('ties sources to the tenant owning the domain (or its parent)', async () => {
    const s = tempServices();
    try {
      const t = s.tenants.create({ name: 'Acme', domain: 'acme.example' });
      await waitDone(s, s.dmarc.importFiles([{ name: 'a.xml', base64: b64(xml('A', 'shop.acme.example')) }]).taskId);
      const r = await s.dmarc.sources({ domain: 'shop.acme.example', resolvePtr: false });
      expect(r.tenant).toEqual({ id: t.id, name: 'Acme' });
      expect(r).toMatchObject({ messages: 42, passing: 40, failing: 2 });
      expect((await s.dmarc.readiness({ domain: 'shop.acme.example', resolvePtr: false })).wouldReject).toBe(2);
      const charts = s.dmarc.charts({ domain: 'shop.acme.example' });
      expect(charts.dailyVolume).toEqual([{ day: '2025-03-01', messages: 42, passing: 40 }]);
      expect(charts.sourceVolume.series.map((x) => x.key)).toEqual(['198.51.100.10', '203.0.113.5']);
    } finally {
      s.close();
    }
  });

  it('keeps the largest sources when asked for fewer, counting every source and what the rest sent', async () => {
    const home = tempDir();
    const s = tempServices({ home });
    try {
      const rows = [
        { ip: '198.51.100.10', count: 40, dkim: 'pass' as const, spf: 'pass' as const },
        { ip: '203.0.113.5', count: 7, dkim: 'fail' as const, spf: 'fail' as const },
        { ip: '203.0.113.6', count: 3, dkim: 'fail' as const, spf: 'fail' as const },
      ];
      const report = reportXml({ reportId: 'L', domain: 'acme.example', begin: '2025-03-01', rows });
      await waitDone(s, s.dmarc.importFiles([{ name: 'l.xml', base64: b64(report) }]).taskId);
      const all = await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false });
      expect(all.sources.map((x) => x.ip)).toEqual(['198.51.100.10', '203.0.113.5', '203.0.113.6']);
      expect(all.omitted).toEqual({ sources: 0, messages: 0 });
      const top = await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false, limit: 1 });
      expect(top.sources.map((x) => x.ip)).toEqual(['198.51.100.10']);
      expect(top).toMatchObject({ messages: 50, passing: 40, failing: 10 });
      expect(top.counts).toEqual({ sources: 3, postmark: 0, unknownFailing: 2, postmarkUnaligned: 0 });
      expect(top.omitted).toEqual({ sources: 2, messages: 10 });
      const out: string[] = [];
      const cli = (...args: string[]) => runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => out.push(t) }, {});
      expect(await cli('dmarc', 'sources', '--domain', 'acme.example', '--offline', '--limit', '2')).toBe(0);
      expect(out.join('\n')).toContain('… and 1 smaller source(s) sending 3 message(s)');
      expect(await cli('dmarc', 'sources', '--domain', 'acme.example', '--offline', '--limit', '0')).toBe(2);
      expect(out.join('\n')).toMatch(/--limit is a whole number/);
      const ready = await s.dmarc.readiness({ domain: 'acme.example', resolvePtr: false, limit: 1 });
      expect(ready.sources.map((x) => x.ip)).toEqual(['203.0.113.5']);
      expect(ready).toMatchObject({ wouldReject: 10, failingSources: 2, omitted: { sources: 1, failing: 3 } });
      expect((await s.dmarc.readiness({ domain: 'acme.example', resolvePtr: false })).omitted).toEqual({ sources: 0, failing: 0 });
      expect(await cli('dmarc', 'readiness', '--domain', 'acme.example', '--offline', '--limit', '1')).toBe(0);
      expect(out.join('\n')).toContain('… and 1 more failing source(s) with 3 message(s)');
      // Kept while nothing changes, read again after any write: marking a sender, another process's import.
      const again = await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false });
      expect(again.sources[1]!.legitimate).toBeNull();
      s.dmarc.markLegitimate('acme.example', 'acme.example', true);
      const marked = await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false });
      expect(marked.legitimate).toEqual(['acme.example']);
      const more = reportXml({ reportId: 'M', domain: 'acme.example', begin: '2025-03-02', rows: [{ ip: '192.0.2.9', count: 5, dkim: 'fail', spf: 'fail' }] });
      const other = tempServices({ home });
      await waitDone(other, other.dmarc.importFiles([{ name: 'm.xml', base64: b64(more) }]).taskId);
      other.close();
      expect((await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false })).messages).toBe(55);
      expect((await s.dmarc.readiness({ domain: 'acme.example', resolvePtr: false })).messages).toBe(55);
    } finally {
      s.close();
    }
  });

  it("asks the Postmark service for the tenant's DKIM key, so its signature marks Postmark; marks senders legitimate", async () => {
    const s = tempServices();
    try {
      const t = s.tenants.create({ name: 'Acme', domain: 'acme.example' });
      await waitDone(s, s.dmarc.importFiles([{ name: 'a.xml', base64: b64(xml('A')) }]).taskId);
      // Offline, no PTR: .10 signs d=acme.example s=pm (the report builder's default), nothing marks it Postmark yet.
      expect((await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false })).sources[0]).toMatchObject({ ip: '198.51.100.10', postmark: false });
      new ObjectStore(s.db).upsert(
        { tenantId: t.id, kind: 'domain', postmarkId: 7, name: 'acme.example', details: { DKIMHost: 'pm._domainkey.acme.example', DKIMPendingHost: '' } },
        '2025-03-01T00:00:00Z',
      );
      expect(s.postmark.dkimIdentity(t.id)).toEqual({ domain: 'acme.example', selectors: ['pm'] });
      expect((await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false })).sources[0]).toMatchObject({
        ip: '198.51.100.10',
        postmark: true,
        postmarkBy: 'dkim',
      });

      expect(s.dmarc.markLegitimate('ACME.example', 'Mail.NewsTool.example.', true)).toEqual({ domain: 'acme.example', legitimate: ['mail.newstool.example'] });
      expect(s.dmarc.markLegitimate('acme.example', 'mail.newstool.example', false)).toEqual({ domain: 'acme.example', legitimate: [] });
      expect(() => s.dmarc.markLegitimate('acme.example', 'not a domain', true)).toThrow(/not a domain name/);
    } finally {
      s.close();
    }
  });

  it('diffs against the record from the latest DNS check, else looks it up live (BEHALF_DNS_SERVERS)', async () => {
    const s = tempServices({ env: { BEHALF_DNS_SERVERS: nsd.server } });
    try {
      const live = await s.dmarc.buildRecord('good.test', { p: 'reject', rua: ['mailto:dmarc@good.test'] });
      expect(live.published).toMatchObject({ record: 'v=DMARC1; p=none; rua=mailto:dmarc@good.test', from: 'live', error: null });
      expect(live.diff.changes).toEqual([{ tag: 'p', kind: 'changed', from: 'none', to: 'reject' }]);
      expect((await s.dmarc.buildRecord('nothing-here.good.test', { p: 'none' })).published).toMatchObject({ record: null, from: 'live', error: null });

      const t = s.tenants.create({ name: 'Acme', domain: 'acme.example' });
      const report = {
        domain: 'acme.example',
        checkedAt: '2026-01-01T00:00:00.000Z',
        records: [],
        dmarc: { source: 'acme.example', record: 'v=DMARC1; p=quarantine; pct=50' },
      };
      s.db
        .prepare('INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json) VALUES (?, ?, ?, ?, ?)')
        .run(t.id, 'acme.example', report.checkedAt, 'ok', JSON.stringify(report));
      const built = await s.dmarc.buildRecord('acme.example', { p: 'reject' });
      expect(built.published).toMatchObject({ record: 'v=DMARC1; p=quarantine; pct=50', from: 'dns-check', checkedAt: '2026-01-01T00:00:00.000Z' });
      expect(built.diff.changes).toEqual([
        { tag: 'p', kind: 'changed', from: 'quarantine', to: 'reject' },
        { tag: 'pct', kind: 'removed', from: '50' },
      ]);

      const garbled = { ...report, dmarc: 'not an object' };
      s.db
        .prepare('INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json) VALUES (?, ?, ?, ?, ?)')
        .run(t.id, 'acme.example', report.checkedAt, 'ok', JSON.stringify(garbled));
      expect((await s.dmarc.buildRecord('acme.example', { p: 'none' })).published.from).toBe('live');
    } finally {
      s.close();
    }
  });
});

async function waitDone(s: ReturnType<typeof tempServices>, taskId: string) {
  for (;;) {
    const r = s.dmarc.importResult(taskId);
    if (r.state !== 'running') return r;
    await new Promise((res) => setTimeout(res, 20));
  }
}
