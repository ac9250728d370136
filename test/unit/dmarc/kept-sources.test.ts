import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableChangeStamp } from '../../../src-main/ledger/change-stamp-repo';
import { openLedger } from '../../../src-main/ledger/open';
import { KeptAnswers } from '../../../src-main/dmarc/kept-answers';
import { KeptSources } from '../../../src-main/dmarc/kept-sources';
import { reportInputsStamp } from '../../../src-main/dmarc/report-inputs-stamp';
import { importReports } from '../../../src-main/dmarc/import';
import { insertFailure } from '../../../src-main/dmarc/failures/failure-store';
import { putLegitimateSender } from '../../../src-main/dmarc/legitimate-store';
import { ptrCache } from '../../../src-main/dmarc/ptr-store';
import { cachedPtrs, resolvePtrs } from '../../../src-main/dmarc/ptr';
import { startPtrServer } from '../../support/dmarc/ptr-dns-server';
import { sourceInputs } from '../../../src-main/dmarc/sources';
import { tempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, reportXml, writeLargeReport } from '../../support/dmarc/report-builder';
import { tempDir, tempServices } from '../../support/temp';

describe('kept answers', () => {
  const sized = (n: number) => ({ n });
  it('computes once while the stamp holds, again after it moves, and keeps nothing computed across a change', async () => {
    let stamp = 'a';
    let computed = 0;
    const kept = new KeptAnswers<{ n: number }>(
      () => stamp,
      (a) => a.n,
      8,
      100,
    );
    const compute = () => (computed++, sized(1));
    const first = await kept.get('k', compute);
    expect(await kept.get('k', compute)).toBe(first);
    expect(computed).toBe(1);
    stamp = 'b';
    await kept.get('k', compute);
    expect(computed).toBe(2);
    // The data changes while an answer is computed (it awaits): that answer is given, not kept.
    await kept.get('k2', async () => ((stamp = 'c'), computed++, sized(1)));
    await kept.get('k2', compute);
    expect(computed).toBe(4);
  });

  it('holds a bounded number of answers and size, dropping the least recently used', async () => {
    const kept = new KeptAnswers<{ n: number }>(
      () => 's',
      (a) => a.n,
      8,
      100,
    );
    let computed = 0;
    const get = (k: string, n = 1) => kept.get(k, () => (computed++, sized(n)));
    for (let i = 0; i < 9; i++) await get(`d${i}`);
    expect(computed).toBe(9);
    await get('d8');
    expect(computed).toBe(9);
    await get('d0'); // the oldest of nine went when the ninth came
    expect(computed).toBe(10);
    await get('big', 100); // at the size bound: every other answer goes, the new one stays
    await get('big', 100);
    expect(computed).toBe(11);
    await get('d8');
    expect(computed).toBe(12);
  });
});

describe('report inputs stamp', () => {
  const report = (reportId: string, ip = '192.0.2.9') =>
    reportXml({ reportId, domain: 'acme.example', begin: '2025-03-01', rows: [{ ip, count: 5, dkim: 'fail', spf: 'fail' }] });

  it('moves on every write a report is read from, on this connection or another, and not on other writes or reads', async () => {
    const t = tempLedger();
    const other = openLedger(`${t.dir}/ledger.sqlite`);
    try {
      const stamp = reportInputsStamp(t.db);
      const moves = async (write: () => unknown) => {
        const before = stamp();
        await write();
        return stamp() !== before;
      };
      // Reads, the PTR cache filling (names are read per report), and other tables leave it alone.
      expect(await moves(() => sourceInputs(t.db, { domain: 'acme.example' }))).toBe(false);
      expect(await moves(() => ptrCache(t.db).save('192.0.2.9', 'mail.example', '2025-03-01T00:00:00Z'))).toBe(false);
      expect(await moves(() => t.db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('x', '1', '')`).run())).toBe(false);
      // A report imported on this connection, small (one transaction) and big (staged, then published).
      expect(await moves(() => importReports(t.db, [t.file('a.xml', report('A'))]))).toBe(true);
      const big = `${t.dir}/big.xml`;
      await writeLargeReport(big, { reportId: 'big', domain: 'acme.example', begin: '2025-03-02' }, 5_000, bulkRowAt);
      const beforeBig = stamp();
      expect((await importReports(t.db, [big])).imported).toBe(1);
      expect(stamp()).not.toBe(beforeBig);
      expect(sourceInputs(t.db, { domain: 'acme.example' }).totals.length).toBe(5_001);
      // Failure reports, senders marked legitimate, rows deleted.
      const failure = { digest: 'd'.repeat(64), domain: 'acme.example', reporter: 'r', sourceIp: '192.0.2.7', headerFrom: 'acme.example' };
      const rest = { envelopeFrom: '', authFailure: 'dmarc', authResults: '', disposition: 'reject', dkimDomain: '' };
      expect(await moves(() => insertFailure(t.db, { ...failure, ...rest }, 'f.eml', '2025-03-01T00:00:00Z'))).toBe(true);
      expect(await moves(() => putLegitimateSender(t.db, 'acme.example', 'mailer.example', '2025-03-01T00:00:00Z'))).toBe(true);
      expect(await moves(() => t.db.prepare(`DELETE FROM dmarc_rows WHERE source_ip = '192.0.2.9'`).run())).toBe(true);
      // Another connection's commit, whatever it wrote.
      expect(await moves(() => other.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('y', '1', '')`).run())).toBe(true);
    } finally {
      other.close();
      t.close();
    }
  });

  it('refuses a name that is not an SQL identifier, and a second stamp of the same name shares the counter', () => {
    const t = tempLedger();
    try {
      expect(() => tableChangeStamp(t.db, 'x; DROP TABLE tenants', [])).toThrow(/not an SQL identifier/);
      expect(() => tableChangeStamp(t.db, 'ok', [{ table: 'tenants--', ops: ['INSERT'] }])).toThrow(/not an SQL identifier/);
      const a = reportInputsStamp(t.db);
      const b = reportInputsStamp(t.db);
      putLegitimateSender(t.db, 'acme.example', 'mailer.example', '2025-03-01T00:00:00Z');
      expect(a()).toBe(b());
    } finally {
      t.close();
    }
  });
});

/** One report of one failing source, 198.51.100.10, for acme.example. */
const ONE_SOURCE = reportXml({
  reportId: 'A',
  domain: 'acme.example',
  begin: '2025-03-01',
  rows: [{ ip: '198.51.100.10', count: 40, dkim: 'fail', spf: 'fail' }],
});

describe('who sends, through the cache', () => {
  it('shows a name learnt after the report was kept, in sources and in readiness', async () => {
    const s = tempServices();
    try {
      const file = path.join(tempDir(), 'a.xml');
      fs.writeFileSync(file, ONE_SOURCE);
      expect((await importReports(s.db, [file])).imported).toBe(1);
      const first = await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false });
      expect(first.sources[0]).toMatchObject({ ip: '198.51.100.10', ptr: null, postmark: false, flag: 'unknown-failing' });
      ptrCache(s.db).save('198.51.100.10', 'mta10.mtasv.net', new Date().toISOString());
      expect((await s.dmarc.sources({ domain: 'acme.example', resolvePtr: false })).sources[0]).toMatchObject({
        ptr: 'mta10.mtasv.net',
        postmark: true,
        flag: 'postmark-unaligned',
      });
      expect((await s.dmarc.readiness({ domain: 'acme.example', resolvePtr: false })).sources[0]).toMatchObject({ ptr: 'mta10.mtasv.net' });
    } finally {
      s.close();
    }
  });
});

describe('kept sources', () => {
  it('gives the same report while nothing it reads changes, builds it again when a name is learnt, never keeps a lookup', async () => {
    const t = tempLedger();
    try {
      expect((await importReports(t.db, [t.file('a.xml', ONE_SOURCE)])).imported).toBe(1);
      const kept = new KeptSources(t.db);
      const offline = { domain: 'acme.example', resolvePtr: false as const };
      const first = await kept.report(offline);
      t.db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('x', '1', '')`).run();
      expect(await kept.report(offline)).toBe(first);
      ptrCache(t.db).save('198.51.100.10', 'mta10.mtasv.net', new Date().toISOString());
      const named = await kept.report(offline);
      expect(named).not.toBe(first);
      expect(named.sources[0]).toMatchObject({ ptr: 'mta10.mtasv.net', postmark: true });
      expect(await kept.report(offline)).toBe(named);
      // Another Postmark DKIM key is another report.
      expect(await kept.report({ ...offline, postmarkDkim: { domain: 'acme.example', selectors: ['pm'] } })).not.toBe(named);
      const lookup = { domain: 'acme.example', resolvePtr: { servers: ['127.0.0.1:9'], timeoutMs: 50 } };
      expect(await kept.report(lookup)).not.toBe(await kept.report(lookup));
    } finally {
      t.close();
    }
  });
});

describe('names learnt in batches', () => {
  it('writes the answers of a lookup in a few transactions, not one per name, and keeps them all', async () => {
    const dns = await startPtrServer({ '192.0.2.1': 'mail.example' });
    const t = tempLedger();
    try {
      const names = tableChangeStamp(t.db, 'ptr_test', [{ table: 'ptr_cache', ops: ['INSERT', 'UPDATE'] }]);
      const seen = new Set<string>();
      const ips = Array.from({ length: 150 }, (_, i) => `192.0.2.${i + 1}`);
      const watching = setInterval(() => seen.add(names()), 0);
      const result = await resolvePtrs(t.db, ips, { servers: [dns.address], timeoutMs: 1500 });
      clearInterval(watching);
      seen.add(names());
      expect(result).toMatchObject({ looked: 150, failed: 0 });
      expect(cachedPtrs(t.db, ips)).toMatchObject({ '192.0.2.1': 'mail.example', '192.0.2.150': null });
      expect(t.db.prepare('SELECT COUNT(*) AS n FROM ptr_cache').get()).toEqual({ n: 150 });
      expect(seen.size).toBeLessThanOrEqual(3); // before, after the first 100, after the last 50
    } finally {
      t.close();
      await dns.close();
    }
  });
});
