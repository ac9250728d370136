import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { COPY_STEP_ROWS } from '../../../src-main/dmarc/import/commit-report-store';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, reportXml, type RowSpec } from '../../support/dmarc/report-builder';

/*
 * Rows travel to SQLite as JSON, which SQLite reads itself (stage-store.ts, ROWS_FROM_JSON): for a small report held
 * in memory, and for a big one staged or sent to the row writer's thread. Whatever the text, every value must land
 * exactly as read, and every row in the file's order.
 */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

/** Text JSON must escape or encode: quotes, backslashes, a tab, non-ASCII, a character outside the BMP. */
const ODD = ['se"l', 'back\\slash', 'tab\there', 'bücher', 'emoji-😀', '{"not":"json"}', '[1,2]'];

const rowAt = (i: number): RowSpec => {
  const odd = ODD[i % ODD.length]!;
  return {
    ...bulkRowAt(i),
    // The largest count a report may hold (15 digits) stays an exact integer.
    count: i === 3 ? 999_999_999_999_999 : bulkRowAt(i).count,
    reasons: i % 4 === 0 ? ['forwarded', 'local_policy'] : undefined,
    dkimAuth: [
      { domain: `d${i}.example`, selector: odd, result: 'pass' },
      { domain: 'second.example', selector: `s${i}`, result: 'fail' },
    ],
  };
};

const expected = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const r = rowAt(i);
    return {
      source_ip: r.ip,
      count: r.count,
      reasons: (r.reasons ?? []).join(' '),
      dkim_selectors: `${ODD[i % ODD.length]} s${i}`,
      dkim_domains: `d${i}.example second.example`,
      dkim_results: 'pass fail',
    };
  });

const stored = () => t.db.prepare('SELECT source_ip, count, reasons, dkim_selectors, dkim_domains, dkim_results FROM dmarc_rows ORDER BY id').all();

describe('rows written from JSON', () => {
  for (const [name, n] of [
    ['a small report, held in memory', 5],
    ['a big report, written as it is read', COPY_STEP_ROWS * 2 + 7],
  ] as const) {
    it(`${name}: every value as read, every row in file order`, async () => {
      const xml = reportXml({ reportId: `json-${n}`, domain: 'acme.example', begin: '2025-03-01', rows: Array.from({ length: n }, (_, i) => rowAt(i)) });
      expect(await importReports(t.db, [t.file('r.xml', xml)])).toMatchObject({ imported: 1, records: n, errors: [] });
      expect(stored()).toEqual(expected(n));
    });
  }
});
