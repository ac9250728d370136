import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dmarcDomains } from '../../../src-main/dmarc/domains-store';
import { importReports } from '../../../src-main/dmarc/import';
import { enforcementReadiness } from '../../../src-main/dmarc/readiness';
import { sourcesFor } from '../../../src-main/dmarc/sources';
import { dailyVolume, sourceVolume } from '../../../src-main/dmarc/timeseries-store';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { startPtrServer, type PtrServer } from '../../support/dmarc/ptr-dns-server';
import { reportXml, type RowSpec } from '../../support/dmarc/report-builder';

/*
 * Hand-built data set (acme.example unless noted):
 *   A google 2025-03-01: .10 100 pass/pass · .11 20 fail/fail · 203.0.113.5 7 fail/fail · 192.0.2.20 30 dkim pass
 *   B yahoo  2025-03-02: .10 50 dkim pass · 203.0.113.5 3 spf pass · 203.0.113.6 4 fail/fail · 192.0.2.20 10 fail/fail
 *   C google 2025-03-03 for other.example: .10 999 pass   (other domain: never counted)
 *   D google 2025-03-03: .12 8 pass/pass, header_from shop.acme.example
 *   E google 2025-02-27: 203.0.113.5 1000 fail/fail       (before the period)
 */
const PM10 = '198.51.100.10';
const PM11 = '198.51.100.11';
const PM12 = '198.51.100.12';
const BAD5 = '203.0.113.5';
const BAD6 = '203.0.113.6';
const GOOG = '192.0.2.20';
const row = (ip: string, count: number, dkim: 'pass' | 'fail', spf: 'pass' | 'fail', headerFrom?: string): RowSpec => ({ ip, count, dkim, spf, headerFrom });

let t: TempLedger;
let dns: PtrServer;
const ptr = () => ({ servers: [dns.address], timeoutMs: 1500 });

beforeAll(async () => {
  dns = await startPtrServer({
    [PM10]: 'mta10.mtasv.net.',
    [PM11]: 'MTA11.mtasv.net',
    [PM12]: 'mta12.mtasv.net',
    [BAD5]: 'mail.spammer.example',
    [GOOG]: 'mail-x.google.com',
  });
});
afterAll(() => dns.close());

beforeEach(async () => {
  t = tempLedger();
  const reports = [
    {
      org: 'google.com',
      reportId: 'A',
      domain: 'acme.example',
      begin: '2025-03-01',
      rows: [row(PM10, 100, 'pass', 'pass'), row(PM11, 20, 'fail', 'fail'), row(BAD5, 7, 'fail', 'fail'), row(GOOG, 30, 'pass', 'fail')],
    },
    {
      org: 'yahoo.com',
      reportId: 'B',
      domain: 'acme.example',
      begin: '2025-03-02',
      schema: 'rfc9990' as const,
      rows: [row(PM10, 50, 'pass', 'fail'), row(BAD5, 3, 'fail', 'pass'), row(BAD6, 4, 'fail', 'fail'), row(GOOG, 10, 'fail', 'fail')],
    },
    { org: 'google.com', reportId: 'C', domain: 'other.example', begin: '2025-03-03', rows: [row(PM10, 999, 'pass', 'pass')] },
    { org: 'google.com', reportId: 'D', domain: 'acme.example', begin: '2025-03-03', rows: [row(PM12, 8, 'pass', 'pass', 'shop.acme.example')] },
    { org: 'google.com', reportId: 'E', domain: 'acme.example', begin: '2025-02-27', rows: [row(BAD5, 1000, 'fail', 'fail')] },
  ];
  const result = await importReports(
    t.db,
    reports.map((r) => t.file(`${r.reportId}.xml`, reportXml(r))),
  );
  expect(result.errors).toEqual([]);
});
afterEach(() => t.close());

const period = { domain: 'ACME.example', from: '2025-03-01', to: '2025-03-03' };

describe('sourcesFor', () => {
  it('totals messages per source in message counts, names them, marks Postmark and flags failures', async () => {
    expect(await sourcesFor(t.db, { ...period, resolvePtr: ptr() })).toMatchObject({
      domain: 'acme.example',
      from: '2025-03-01',
      to: '2025-03-03',
      messages: 232,
      passing: 191,
      failing: 41,
      sources: [
        { ip: PM10, ptr: 'mta10.mtasv.net', count: 150, spfAligned: 100, dkimAligned: 150, dmarcPass: 150, postmark: true, flag: null, failureReports: 0 },
        { ip: GOOG, ptr: 'mail-x.google.com', count: 40, spfAligned: 0, dkimAligned: 30, dmarcPass: 30, postmark: false, flag: null, failureReports: 0 },
        {
          ip: PM11,
          ptr: 'mta11.mtasv.net',
          count: 20,
          spfAligned: 0,
          dkimAligned: 0,
          dmarcPass: 0,
          postmark: true,
          flag: 'postmark-unaligned',
          failureReports: 0,
        },
        {
          ip: BAD5,
          ptr: 'mail.spammer.example',
          count: 10,
          spfAligned: 3,
          dkimAligned: 0,
          dmarcPass: 3,
          postmark: false,
          flag: 'unknown-failing',
          failureReports: 0,
        },
        { ip: PM12, ptr: 'mta12.mtasv.net', count: 8, spfAligned: 8, dkimAligned: 8, dmarcPass: 8, postmark: true, flag: null, failureReports: 0 },
        { ip: BAD6, ptr: null, count: 4, spfAligned: 0, dkimAligned: 0, dmarcPass: 0, postmark: false, flag: 'unknown-failing', failureReports: 0 },
      ],
    });
  });

  it('looks each IP up once, then answers from the cache — and offline from the cache only', async () => {
    dns.queries.clear();
    await sourcesFor(t.db, { ...period, resolvePtr: ptr() });
    const before = new Map(dns.queries);
    const again = await sourcesFor(t.db, { ...period, resolvePtr: ptr() });
    const offline = await sourcesFor(t.db, { ...period, resolvePtr: false });
    expect(dns.queries).toEqual(before);
    expect(offline).toEqual(again);
    expect(before.get(PM10)).toBe(1);
  });

  it('offline with an empty cache: no names, so nothing counts as Postmark', async () => {
    const r = await sourcesFor(t.db, { ...period, resolvePtr: false });
    expect(r.sources.map((s) => [s.ip, s.ptr, s.postmark, s.flag])).toEqual([
      [PM10, null, false, null],
      [GOOG, null, false, null],
      [PM11, null, false, 'unknown-failing'],
      [BAD5, null, false, 'unknown-failing'],
      [PM12, null, false, null],
      [BAD6, null, false, 'unknown-failing'],
    ]);
  });

  it('scopes by period and by From subdomain', async () => {
    const before = await sourcesFor(t.db, { domain: 'acme.example', from: '2025-02-27', to: '2025-02-27', resolvePtr: false });
    expect(before.sources.map((s) => [s.ip, s.count])).toEqual([[BAD5, 1000]]);
    const all = await sourcesFor(t.db, { domain: 'acme.example', resolvePtr: false });
    expect(all.messages).toBe(1232);
    const shop = await sourcesFor(t.db, { domain: 'shop.acme.example', resolvePtr: false });
    expect(shop.sources.map((s) => [s.ip, s.count])).toEqual([[PM12, 8]]);
    const other = await sourcesFor(t.db, { domain: 'other.example', resolvePtr: false });
    expect(other.messages).toBe(999);
  });

  it('refuses malformed or reversed dates', async () => {
    await expect(sourcesFor(t.db, { domain: 'acme.example', from: '2025-3-1', resolvePtr: false })).rejects.toMatchObject({ code: 'dmarc.bad-date' });
    await expect(sourcesFor(t.db, { domain: 'acme.example', from: '2025-03-02', to: '2025-03-01', resolvePtr: false })).rejects.toMatchObject({
      code: 'dmarc.bad-period',
    });
  });
});

describe('enforcementReadiness', () => {
  it('counts what p=reject would have rejected, and from which sources', async () => {
    const r = await enforcementReadiness(t.db, { ...period, resolvePtr: ptr() });
    // 20 of 232 Postmark messages fail (8.6%): the tenant's own mail comes first.
    expect(r).toMatchObject({
      unknownSources: 3,
      unknownFailing: 21,
      legitimateSources: 0,
      legitimateFailing: 0,
      verdict: { tone: 'failing', word: 'own mail would be lost' },
    });
    expect(r.nextStep).toBe('not yet: 20 Postmark messages fail DMARC (8.6% of mail); fix DKIM and Return-Path first.');
    expect(r).toMatchObject({
      domain: 'acme.example',
      from: '2025-03-01',
      to: '2025-03-03',
      messages: 232,
      wouldReject: 41,
      failingSources: 4,
      postmarkFailing: 20,
      summary:
        'Had p=reject applied to acme.example from 2025-03-01 to 2025-03-03, 41 messages from 4 sources would have been rejected (of 232 messages reported).',
      sources: [
        { ip: PM11, ptr: 'mta11.mtasv.net', count: 20, failing: 20, postmark: true, flag: 'postmark-unaligned' },
        { ip: GOOG, ptr: 'mail-x.google.com', count: 40, failing: 10, postmark: false, flag: null },
        { ip: BAD5, ptr: 'mail.spammer.example', count: 10, failing: 7, postmark: false, flag: 'unknown-failing' },
        { ip: BAD6, ptr: null, count: 4, failing: 4, postmark: false, flag: 'unknown-failing' },
      ],
    });
  });

  it('says so when there is nothing to judge', async () => {
    const r = await enforcementReadiness(t.db, { domain: 'acme.example', from: '2024-01-01', to: '2024-01-31', resolvePtr: false });
    expect(r).toMatchObject({
      messages: 0,
      wouldReject: 0,
      failingSources: 0,
      sources: [],
      summary: 'No DMARC report data for acme.example from 2024-01-01 to 2024-01-31.',
    });
  });
});

describe('charts', () => {
  it('gives messages and passes per day, zero-filled across the period', () => {
    expect(dailyVolume(t.db, { domain: 'acme.example', from: '2025-02-28', to: '2025-03-04' })).toEqual([
      { day: '2025-02-28', messages: 0, passing: 0 },
      { day: '2025-03-01', messages: 157, passing: 130 },
      { day: '2025-03-02', messages: 67, passing: 53 },
      { day: '2025-03-03', messages: 8, passing: 8 },
      { day: '2025-03-04', messages: 0, passing: 0 },
    ]);
    expect(dailyVolume(t.db, { domain: 'acme.example' }).map((d) => d.day)).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02', '2025-03-03']);
  });

  it('gives daily volume of the top sources plus "other"', async () => {
    await sourcesFor(t.db, { ...period, resolvePtr: ptr() }); // fills the PTR cache the chart reads
    expect(sourceVolume(t.db, { ...period, top: 2 })).toEqual({
      days: ['2025-03-01', '2025-03-02', '2025-03-03'],
      series: [
        { key: PM10, ptr: 'mta10.mtasv.net', postmark: true, messages: [100, 50, 0] },
        { key: GOOG, ptr: 'mail-x.google.com', postmark: false, messages: [30, 10, 0] },
        { key: 'other', ptr: null, postmark: false, messages: [27, 7, 8] },
      ],
    });
  });
});

describe('dmarcDomains', () => {
  it('lists report domains, busiest first, with their span', () => {
    expect(dmarcDomains(t.db)).toEqual([
      { domain: 'acme.example', reports: 4, messages: 1232, firstDay: '2025-02-27', lastDay: '2025-03-03' },
      { domain: 'other.example', reports: 1, messages: 999, firstDay: '2025-03-03', lastDay: '2025-03-03' },
    ]);
  });
});
