import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { deleteLegitimateSender, legitimateSenders, putLegitimateSender } from '../../../src-main/dmarc/legitimate-store';
import { enforcementReadiness } from '../../../src-main/dmarc/readiness';
import { isPostmarkSignature, sourcesFor, type PostmarkDkim } from '../../../src-main/dmarc/sources';
import { enforcementVerdict, shareOfMail } from '../../../src-preload/api/verdicts';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { reportXml, type RowSpec } from '../../support/dmarc/report-builder';

/*
 * Hand-built data set for news.example, offline (no PTR names: Postmark can only be recognised by DKIM).
 * The tenant's Postmark key: news.example, selector 20250101pm.
 *   2025-03-01  PM1  .30 200 aligned pass, DKIM news.example/20250101pm pass, SPF pm.mtasv.net pass      → Postmark by DKIM
 *               NEWS .40  30 fail/fail,    DKIM newstool.example/nt1 pass,      SPF mail.newstool.example pass
 *               FORG .9    1 fail/fail,    no DKIM,                             SPF news.example fail
 *               OTHR .32  10 DKIM aligned, DKIM news.example/other pass,        SPF news.example softfail → not Postmark
 *               FAKE .10   3 fail/fail,    DKIM pm.mtasv.net/pm fail,           SPF spoof.example none    → not Postmark
 *   2025-03-02  PM2  .31  50 fail/fail,    DKIM pm.mtasv.net/pm pass,           SPF pm.mtasv.net pass      → Postmark, unaligned
 *   2025-03-03  PM1 2000 as above · FORG 4 · FAKE 2
 */
const PM1 = '198.51.100.30';
const PM2 = '198.51.100.31';
const OTHR = '198.51.100.32';
const NEWS = '192.0.2.40';
const FORG = '203.0.113.9';
const FAKE = '203.0.113.10';
const OWN: PostmarkDkim = { domain: 'news.example', selectors: ['20250101pm'] };

const pm1 = (count: number): RowSpec => ({
  ip: PM1,
  count,
  dkim: 'pass',
  spf: 'fail',
  dkimAuth: [{ domain: 'news.example', selector: '20250101pm', result: 'pass' }],
  spfAuth: [{ domain: 'pm.mtasv.net', result: 'pass' }],
});
const forger = (count: number): RowSpec => ({
  ip: FORG,
  count,
  dkim: 'fail',
  spf: 'fail',
  dkimAuth: [],
  spfAuth: [{ domain: 'news.example', result: 'fail' }],
});
const fake = (count: number): RowSpec => ({
  ip: FAKE,
  count,
  dkim: 'fail',
  spf: 'fail',
  dkimAuth: [{ domain: 'pm.mtasv.net', selector: 'pm', result: 'fail' }],
  spfAuth: [{ domain: 'spoof.example', result: 'none' }],
});

let t: TempLedger;
beforeEach(async () => {
  t = tempLedger();
  const reports = [
    {
      reportId: 'A',
      domain: 'news.example',
      begin: '2025-03-01',
      rows: [
        pm1(200),
        {
          ip: NEWS,
          count: 30,
          dkim: 'fail',
          spf: 'fail',
          dkimAuth: [{ domain: 'newstool.example', selector: 'nt1', result: 'pass' }],
          spfAuth: [{ domain: 'mail.newstool.example', result: 'pass' }],
        },
        forger(1),
        {
          ip: OTHR,
          count: 10,
          dkim: 'pass',
          spf: 'fail',
          dkimAuth: [{ domain: 'news.example', selector: 'other', result: 'pass' }],
          spfAuth: [{ domain: 'news.example', result: 'softfail' }],
        },
        fake(3),
      ] as RowSpec[],
    },
    {
      reportId: 'B',
      domain: 'news.example',
      begin: '2025-03-02',
      rows: [
        {
          ip: PM2,
          count: 50,
          dkim: 'fail',
          spf: 'fail',
          dkimAuth: [{ domain: 'pm.mtasv.net', selector: 'pm', result: 'pass' }],
          spfAuth: [{ domain: 'pm.mtasv.net', result: 'pass' }],
        },
      ] as RowSpec[],
    },
    { reportId: 'C', domain: 'news.example', begin: '2025-03-03', rows: [pm1(2000), forger(4), fake(2)] },
  ];
  const result = await importReports(
    t.db,
    reports.map((r) => t.file(`${r.reportId}.xml`, reportXml(r))),
  );
  expect(result.errors).toEqual([]);
});
afterEach(() => t.close());

const day = (d: string) => ({ domain: 'news.example', from: d, to: d, resolvePtr: false as const });

describe('Postmark recognised by DKIM', () => {
  it("labels the tenant's own Postmark key and d=pm.mtasv.net as Postmark, never a failed or foreign-selector signature", async () => {
    const r = await sourcesFor(t.db, { ...day('2025-03-01'), postmarkDkim: OWN });
    const by = Object.fromEntries(r.sources.map((s) => [s.ip, [s.postmark, s.postmarkBy, s.flag]]));
    expect(by).toEqual({
      [PM1]: [true, 'dkim', null],
      [NEWS]: [false, null, 'unknown-failing'],
      [OTHR]: [false, null, null],
      [FAKE]: [false, null, 'unknown-failing'],
      [FORG]: [false, null, 'unknown-failing'],
    });
    const day2 = await sourcesFor(t.db, { ...day('2025-03-02'), postmarkDkim: null });
    expect(day2.sources[0]).toMatchObject({ ip: PM2, postmark: true, postmarkBy: 'dkim', flag: 'postmark-unaligned' });
    // Without the tenant's key, its own selector is just another signature.
    const without = await sourcesFor(t.db, day('2025-03-01'));
    expect(without.sources.find((s) => s.ip === PM1)).toMatchObject({ postmark: false, postmarkBy: null });
  });

  it('matches domain and selector case-insensitively and only on pass', () => {
    expect(isPostmarkSignature({ domain: 'NEWS.example', selector: '20250101PM', result: 'pass' }, OWN)).toBe(true);
    expect(isPostmarkSignature({ domain: 'news.example', selector: '20250101pm', result: 'fail' }, OWN)).toBe(false);
    expect(isPostmarkSignature({ domain: 'news.example', selector: 'google', result: 'pass' }, OWN)).toBe(false);
    expect(isPostmarkSignature({ domain: 'pm.mtasv.net', selector: 'anything', result: 'pass' }, null)).toBe(true);
  });
});

describe('a source expands to its SPF and DKIM domains and results', () => {
  it('sums each SPF result and each DKIM signature in messages, most first', async () => {
    const r = await sourcesFor(t.db, { domain: 'news.example', from: '2025-03-01', to: '2025-03-03', resolvePtr: false, postmarkDkim: OWN });
    const pm = r.sources.find((s) => s.ip === PM1)!;
    expect(pm.count).toBe(2200);
    expect(pm.spf).toEqual([{ domain: 'pm.mtasv.net', result: 'pass', count: 2200 }]);
    expect(pm.dkim).toEqual([{ domain: 'news.example', selector: '20250101pm', result: 'pass', count: 2200 }]);
    expect(r.sources.find((s) => s.ip === FORG)).toMatchObject({ count: 5, spf: [{ domain: 'news.example', result: 'fail', count: 5 }], dkim: [] });
    expect(r.sources.find((s) => s.ip === NEWS)).toMatchObject({
      spf: [{ domain: 'mail.newstool.example', result: 'pass', count: 30 }],
      dkim: [{ domain: 'newstool.example', selector: 'nt1', result: 'pass', count: 30 }],
    });
  });
});

describe('legitimate senders and the readiness next step', () => {
  // 2025-03-01: 244 messages (200 + 30 + 1 + 10 + 3); failing: NEWS 30, FORG 1, FAKE 3 = 34.
  it('before marking: 3 unknown senders fail 34 of 244 (14%) — not yet', async () => {
    const r = await enforcementReadiness(t.db, { ...day('2025-03-01'), postmarkDkim: OWN });
    expect(r).toMatchObject({ messages: 244, wouldReject: 34, postmarkFailing: 0, unknownSources: 3, unknownFailing: 34, legitimateSources: 0 });
    expect(r.verdict).toEqual({ tone: 'warning', word: 'unknown senders fail' });
    expect(r.nextStep).toBe('not yet: 3 unknown senders fail, 14% of mail; mark the ones you know as legitimate senders, or fix them.');
  });

  it('a sender marked legitimate (by its SPF domain) is shown as such and no longer counted unknown', async () => {
    putLegitimateSender(t.db, 'news.example', 'mail.newstool.example', '2025-03-04T00:00:00.000Z');
    const s = await sourcesFor(t.db, { ...day('2025-03-01'), postmarkDkim: OWN });
    expect(s.legitimate).toEqual(['mail.newstool.example']);
    expect(s.sources.find((x) => x.ip === NEWS)).toMatchObject({ legitimate: 'mail.newstool.example', flag: null });
    const r = await enforcementReadiness(t.db, { ...day('2025-03-01'), postmarkDkim: OWN });
    // NEWS 30 of 244 = 12.3% → "12%"; unknown now FORG 1 + FAKE 3 = 4 from 2 sources.
    expect(r).toMatchObject({ unknownSources: 2, unknownFailing: 4, legitimateSources: 1, legitimateFailing: 30 });
    expect(r.sources.find((x) => x.ip === NEWS)?.legitimate).toBe('mail.newstool.example');
    expect(r.nextStep).toBe('not yet: 1 legitimate sender fails DMARC (12% of mail); have it sign with DKIM for the domain first.');
    expect(deleteLegitimateSender(t.db, 'news.example', 'mail.newstool.example')).toBe(true);
    expect(legitimateSenders(t.db, 'news.example')).toEqual([]);
  });

  it('2025-03-03: only 2 unknown senders fail, 6 of 2006 = 0.3% — safe to move to quarantine', async () => {
    const r = await enforcementReadiness(t.db, { ...day('2025-03-03'), postmarkDkim: OWN });
    expect(r).toMatchObject({ messages: 2006, wouldReject: 6, unknownSources: 2, unknownFailing: 6 });
    expect(r.verdict).toEqual({ tone: 'ok', word: 'only unknown senders fail' });
    expect(r.nextStep).toBe('safe to move to quarantine: only 2 unknown senders fail, 0.3% of mail.');
  });

  it('2025-03-02: Postmark mail failing comes first', async () => {
    const r = await enforcementReadiness(t.db, { ...day('2025-03-02'), postmarkDkim: OWN });
    expect(r.nextStep).toBe('not yet: 50 Postmark messages fail DMARC (100% of mail); fix DKIM and Return-Path first.');
  });
});

describe('enforcementVerdict words', () => {
  const none = { messages: 1000, wouldReject: 0, postmarkFailing: 0, unknownSources: 0, unknownFailing: 0, legitimateSources: 0, legitimateFailing: 0 };
  it('says the next step for each case, with the 1% limit on unknown senders', () => {
    expect(enforcementVerdict({ ...none, messages: 0 }).nextStep).toBe('not yet: no DMARC reports for this period, so nothing is known about who sends.');
    expect(enforcementVerdict(none).nextStep).toBe('safe to move to quarantine: all mail passes DMARC.');
    expect(enforcementVerdict({ ...none, wouldReject: 10, unknownSources: 1, unknownFailing: 10 }).nextStep).toBe(
      'safe to move to quarantine: only 1 unknown sender fails, 1% of mail.',
    );
    expect(enforcementVerdict({ ...none, wouldReject: 11, unknownSources: 2, unknownFailing: 11 }).nextStep).toBe(
      'not yet: 2 unknown senders fail, 1.1% of mail; mark the ones you know as legitimate senders, or fix them.',
    );
    expect(enforcementVerdict({ ...none, wouldReject: 40, legitimateSources: 2, legitimateFailing: 40 }).nextStep).toBe(
      'not yet: 2 legitimate senders fail DMARC (4% of mail); have them sign with DKIM for the domain first.',
    );
  });
  it('writes shares with one decimal below 10%', () => {
    expect([shareOfMail(3, 1000), shareOfMail(1, 3), shareOfMail(1, 8), shareOfMail(1, 40), shareOfMail(0, 0), shareOfMail(5, 5)]).toEqual([
      '0.3%',
      '33%',
      '13%',
      '2.5%',
      '0%',
      '100%',
    ]);
  });
});
