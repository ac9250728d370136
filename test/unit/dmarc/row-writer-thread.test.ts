import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COPY_STEP_ROWS } from '../../../src-main/dmarc/import/commit-report-store';
import { PipedRows } from '../../../src-main/dmarc/import/piped-rows';
import { RepairLog } from '../../../src-main/dmarc/import/repairs';
import { ReportDigest } from '../../../src-main/dmarc/import/report-digest';
import type { ReportHeader } from '../../../src-main/dmarc/import/report-types';
import { RowWriterThread } from '../../../src-main/dmarc/import/worker/row-writer-client';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';

/* The row writer's thread failing must end the import with an error, never leave it waiting. */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const header: ReportHeader = {
  schema: 'rfc7489',
  org: 'google.com',
  email: 'noreply@google.com',
  reportId: 'lost-writer',
  begin: 1740787200,
  end: 1740873599,
  errors: [],
  policy: { domain: 'acme.example' },
};
const row = (i: number) => ({
  sourceIp: `192.0.2.${i % 250}`,
  count: 1,
  disposition: 'none',
  dkim: 'pass',
  spf: 'pass',
  reasons: [],
  headerFrom: 'acme.example',
  envelopeFrom: '',
  envelopeTo: '',
  dkimAuth: [],
  spfAuth: [],
});

describe('the row writer thread', () => {
  it('that cannot open its ledger fails the report with dmarc.internal, and the import thread is not left waiting', async () => {
    // A "folder" that is a file: no ledger can be opened (or made) under it.
    const thread = RowWriterThread.start(path.join(t.file('not-a-folder', 'x'), 'ledger.sqlite'), false)!;
    expect(thread).toBeDefined();
    const rows = new PipedRows(t.db, thread, () => header, { sourceFile: 'big.xml', importedAt: '2025-03-02T00:00:00Z' }, new ReportDigest());
    const feed = async () => {
      for (let i = 0; i < COPY_STEP_ROWS * 6; i++) {
        rows.add(row(i));
        if (i % COPY_STEP_ROWS === 0) await rows.drain();
      }
      return rows.commit(header, { sourceFile: 'big.xml', importedAt: '2025-03-02T00:00:00Z', repairs: new RepairLog() });
    };
    await expect(feed()).rejects.toMatchObject({ code: 'dmarc.internal' });
    await rows.dispose();
    await thread.close();
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports') + count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(0);
  });
});
