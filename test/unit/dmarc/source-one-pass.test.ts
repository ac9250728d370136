import { afterEach, beforeEach, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { sourceAuthRows, sourceTotals, sourceTotalsAndAuth } from '../../../src-main/dmarc/report-query-store';
import { volumeCharts } from '../../../src-main/dmarc/timeseries-store';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { reportXml, type RowSpec } from '../../support/dmarc/report-builder';

/*
 * "Who sends as D" reads the rows once (sourceTotalsAndAuth) instead of twice: it must give exactly what the two
 * queries give, order included, on data with ties (equal counts), several signatures per row, rows of one IP
 * that pass and fail, a subdomain's From under the parent's report, and rows outside the period.
 */
let t: TempLedger;
beforeEach(async () => {
  t = tempLedger();
  const ip = (n: number) => `192.0.2.${n}`;
  const rows = (day: number): RowSpec[] => [
    { ip: ip(1), count: 10, dkim: 'pass', spf: 'pass' },
    {
      ip: ip(1),
      count: 3,
      dkim: 'fail',
      spf: 'pass',
      dkimAuth: [
        { domain: 'x.example', selector: 's1', result: 'fail' },
        { domain: 'news.example', selector: 'pm', result: 'pass' },
      ],
    },
    { ip: ip(2), count: 10, dkim: 'fail', spf: 'fail', dkimAuth: [], spfAuth: [{ domain: 'spoof.example', result: 'softfail' }] },
    { ip: ip(3), count: 10, dkim: 'pass', spf: 'fail', headerFrom: 'mail.news.example' },
    { ip: ip(10), count: day, dkim: 'fail', spf: 'pass', spfAuth: [{ domain: 'Bounce.News.Example', result: 'pass' }] },
    { ip: ip(10), count: 2, dkim: 'fail', spf: 'pass', spfAuth: [{ domain: 'bounce.news.example', result: 'pass' }] },
  ];
  const files = [1, 2, 3, 9].map((d) => t.file(`r${d}.xml`, reportXml({ reportId: `r${d}`, domain: 'news.example', begin: `2025-03-0${d}`, rows: rows(d) })));
  const result = await importReports(t.db, files);
  expect(result.imported).toBe(4);
});
afterEach(() => t.close());

it.each([
  { domain: 'news.example' },
  { domain: 'news.example', from: '2025-03-02', to: '2025-03-03' },
  { domain: 'mail.news.example' },
  { domain: 'nobody.example' },
])("one pass gives the two queries' answers for %o", (scope) => {
  const { totals, auth } = sourceTotalsAndAuth(t.db, scope);
  expect(totals).toEqual(sourceTotals(t.db, scope));
  expect(auth).toEqual(sourceAuthRows(t.db, scope));
  if (scope.domain === 'news.example' && !scope.from) expect(totals.length).toBe(4);
});

it("both charts from one pass add up to the sources' totals, per day and per source", () => {
  const scope = { domain: 'news.example', from: '2025-03-01', to: '2025-03-09', top: 2 };
  const { dailyVolume, sourceVolume } = volumeCharts(t.db, scope);
  const totals = sourceTotals(t.db, scope);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(dailyVolume.map((d) => d.day)).toEqual(sourceVolume.days);
  expect(dailyVolume).toHaveLength(9);
  expect(sum(dailyVolume.map((d) => d.messages))).toBe(sum(totals.map((x) => x.count)));
  expect(sum(dailyVolume.map((d) => d.passing))).toBe(sum(totals.map((x) => x.dmarcPass)));
  expect(sourceVolume.series.map((x) => x.key)).toEqual([...totals.slice(0, 2).map((x) => x.ip), 'other']);
  sourceVolume.days.forEach((_, i) => expect(sum(sourceVolume.series.map((x) => x.messages[i]!))).toBe(dailyVolume[i]!.messages));
});
