import { describe, expect, it } from 'vitest';
import { ledgerChangeStamp } from '../../../src-main/ledger/change-stamp-repo';
import { openLedger } from '../../../src-main/ledger/open';
import { SourcesCache } from '../../../src-main/dmarc/sources-cache';
import type { SourcesReport } from '../../../src-main/dmarc/sources';
import { tempServices } from '../../support/temp';

const report = (domain: string, sources = 1): SourcesReport => ({
  domain,
  from: null,
  to: null,
  messages: 0,
  passing: 0,
  failing: 0,
  legitimate: [],
  sources: Array.from({ length: sources }, (_, i) => ({
    ip: `192.0.2.${i}`,
    ptr: null,
    count: 1,
    spfAligned: 0,
    dkimAligned: 0,
    dmarcPass: 0,
    postmark: false,
    postmarkBy: null,
    legitimate: null,
    flag: null,
    spf: [],
    dkim: [],
    failureReports: 0,
  })),
});

describe('sources cache', () => {
  it('computes once while the stamp holds, again after it moves, and keeps nothing computed across a change', async () => {
    let stamp = 'a';
    let computed = 0;
    const cache = new SourcesCache(() => stamp);
    const compute = async () => (computed++, report('acme.example'));
    const first = await cache.get('k', compute);
    expect(await cache.get('k', compute)).toBe(first);
    expect(computed).toBe(1);
    stamp = 'b';
    await cache.get('k', compute);
    expect(computed).toBe(2);
    // The ledger changes while a report is being computed: that report is answered, not kept.
    await cache.get('k2', async () => ((stamp = 'c'), computed++, report('x.example')));
    await cache.get('k2', compute);
    expect(computed).toBe(4);
  });

  it('holds a bounded number of scopes and sources, dropping the least recently used', async () => {
    const cache = new SourcesCache(() => 's');
    let computed = 0;
    const get = (k: string, n = 1) => cache.get(k, async () => (computed++, report(k, n)));
    for (let i = 0; i < 9; i++) await get(`d${i}`);
    expect(computed).toBe(9);
    await get('d8');
    expect(computed).toBe(9);
    await get('d0'); // the oldest of nine went when the ninth came
    expect(computed).toBe(10);
    await get('big', 20_000); // past the sources bound: every other scope goes, the new one stays
    await get('big', 20_000);
    expect(computed).toBe(11);
    await get('d8');
    expect(computed).toBe(12);
  });
});

describe('ledger change stamp', () => {
  it("moves on this connection's writes and on another connection's commits, not on reads", () => {
    const s = tempServices();
    const other = openLedger(s.ledgerFile);
    try {
      const a = ledgerChangeStamp(s.db);
      s.tenants.list({});
      expect(ledgerChangeStamp(s.db)).toBe(a);
      s.tenants.create({ name: 'Acme', domain: 'acme.example' });
      const b = ledgerChangeStamp(s.db);
      expect(b).not.toBe(a);
      other.prepare(`UPDATE tenants SET notes = 'x'`).run();
      expect(ledgerChangeStamp(s.db)).not.toBe(b);
    } finally {
      other.close();
      s.close();
    }
  });
});
