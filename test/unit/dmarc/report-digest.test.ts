import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReports } from '../../../src-main/dmarc/import';
import { COPY_STEP_ROWS } from '../../../src-main/dmarc/import/commit-report-store';
import { tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { bulkRowAt, reportXml } from '../../support/dmarc/report-builder';
import { createHash } from 'node:crypto';
import { ReportDigest } from '../../../src-main/dmarc/import/report-digest';
import type { ReportHeader, ReportRow } from '../../../src-main/dmarc/import/report-types';

/*
 * Ledgers keep each report's content digest (migration 011) to tell a re-sent report from a different one reusing
 * its id. A digest computed differently after an upgrade would turn every re-sent report into a "different" one,
 * kept twice. So the digests of two fixed reports are pinned here: any change to how a digest is computed fails.
 */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const digestOf = async (rows: number) => {
  const xml = reportXml({
    reportId: `pinned-${rows}`,
    domain: 'acme.example',
    begin: '2025-03-01',
    rows: Array.from({ length: rows }, (_, i) => ({
      ...bulkRowAt(i),
      // The rows these digests were pinned with: keep them, whatever the bulk rows become.
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      reasons: i % 11 === 0 ? ['forwarded'] : undefined,
      dkimAuth: [{ domain: 'acme.example', selector: `s${i % 3}`, result: 'pass' }],
      spfAuth: [
        { domain: 'helo.example', scope: 'helo', result: 'pass' },
        { domain: 'acme.example', scope: 'mfrom', result: i % 5 ? 'pass' : 'fail' },
      ],
    })),
  });
  await importReports(t.db, [t.file(`r-${rows}.xml`, xml)]);
  return (t.db.prepare('SELECT content_sha256 AS sha FROM dmarc_reports WHERE report_id = ?').get(`pinned-${rows}`) as { sha: string }).sha;
};

describe('report content digest', () => {
  it('is the same as it always was, for a small report and for one written as read', async () => {
    expect(await digestOf(3)).toBe('2739d0548cebe669e2d44185f9c6a0df2de826777a04531c8f50e2093c978f32');
    expect(await digestOf(COPY_STEP_ROWS * 2 + 5)).toBe('aa8ea9fb9ebe8219ab46435a632812ec73d9cd638b1de3ef167195da764b7e66');
  });
});

describe('report content digest, row by row', () => {
  /** The digest's text as it was first defined: one template per row, joined (the pinned digests above were made so). */
  const asDefined = (rows: ReportRow[], header: ReportHeader) => {
    const hash = createHash('sha256');
    for (const r of rows) {
      const dkim = r.dkimAuth.map((d) => `${d.domain}\x1e${d.selector}\x1e${d.result}`).join('\x1d');
      const spf = r.spfAuth.map((d) => `${d.domain}\x1e${d.scope}\x1e${d.result}`).join('\x1d');
      hash.update(
        `${r.sourceIp}\x1f${r.count}\x1f${r.disposition}\x1f${r.dkim}\x1f${r.spf}\x1f${r.reasons.join('\x1e')}\x1f${r.headerFrom}\x1f${r.envelopeFrom}\x1f${r.envelopeTo}\x1f${dkim}\x1f${spf}\x1c`,
      );
    }
    return hash.update(JSON.stringify(header)).digest('hex');
  };

  it('hashes the text it always did, for rows with no, one and several reasons, signatures and SPF results', () => {
    const rows: ReportRow[] = Array.from({ length: 700 }, (_, i) => ({
      sourceIp: `192.0.2.${i % 250}`,
      count: i,
      disposition: i % 2 ? 'none' : 'reject',
      dkim: 'pass',
      spf: i % 3 ? 'fail' : 'pass',
      reasons: ['forwarded', 'local_policy', 'mailing_list'].slice(0, i % 4),
      headerFrom: 'acme.example',
      envelopeFrom: i % 5 ? '' : 'bounce.acme.example',
      envelopeTo: i % 7 ? '' : 'to.example',
      dkimAuth: Array.from({ length: i % 3 }, (_, k) => ({ domain: `d${k}.example`, selector: `s${k}`, result: k ? 'fail' : 'pass' })),
      spfAuth: Array.from({ length: i % 3 }, (_, k) => ({ domain: `e${k}.example`, scope: k ? 'helo' : 'mfrom', result: 'pass' })),
    }));
    const header = { org: 'x', reportId: 'y' } as unknown as ReportHeader;
    const digest = new ReportDigest();
    for (const r of rows) digest.row(r);
    expect(digest.finish(header)).toBe(asDefined(rows, header));
  });
});
