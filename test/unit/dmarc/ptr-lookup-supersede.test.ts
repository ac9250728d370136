import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { startPtrServer, type PtrServer } from '../../support/dmarc/ptr-dns-server';
import { reportXml } from '../../support/dmarc/report-builder';
import { tempDir, tempServices } from '../../support/temp';

/** Sixteen sources of a.example whose names never come (each lookup waits out its 2 s), one of b.example that answers. */
const SILENT = Array.from({ length: 16 }, (_, i) => `203.0.113.${i + 1}`);
const NAMED = '198.51.100.10';

let dns: PtrServer;
beforeAll(async () => {
  dns = await startPtrServer({ [NAMED]: 'mta10.mtasv.net' }, { silent: SILENT });
});
afterAll(() => dns.close());

it('looks names up for one domain at a time: a new lookup cancels the one before, which answers at once', async () => {
  const s = tempServices({ env: { BEHALF_DNS_SERVERS: dns.address } });
  try {
    const dir = tempDir();
    const report = (reportId: string, domain: string, ips: string[]) => {
      const file = path.join(dir, `${reportId}.xml`);
      fs.writeFileSync(file, reportXml({ reportId, domain, begin: '2025-03-01', rows: ips.map((ip) => ({ ip, count: 1, dkim: 'fail', spf: 'fail' })) }));
      return file;
    };
    expect((await importReports(s.db, [report('A', 'a.example', SILENT), report('B', 'b.example', [NAMED])])).imported).toBe(2);
    const asked = () => SILENT.reduce((n, ip) => n + (dns.queries.get(ip) ?? 0), 0);

    const first = s.dmarc.sources({ domain: 'a.example' });
    while (asked() < 8) await new Promise((r) => setTimeout(r, 10)); // the first eight lookups are under way
    const second = await s.dmarc.sources({ domain: 'b.example' });
    expect(second.sources[0]).toMatchObject({ ip: NAMED, ptr: 'mta10.mtasv.net', postmark: true });
    const a = await first;
    // Cancelled with its first eight in flight: the other eight were never asked (left running, they would have been
    // once the first eight timed out), and every source is listed, unnamed.
    expect(asked()).toBe(8);
    expect(a.sources).toHaveLength(16);
    expect(a.sources.every((x) => x.ptr === null)).toBe(true);
  } finally {
    s.close();
  }
});
