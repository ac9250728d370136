import { importReports } from '../../../src-main/dmarc/import';
import type { TempLedger } from './ledger';
import type { ReportSpec } from './report-builder';

/** The report most #14 tests start from: acme.example, one passing source (5 messages) and one failing (2). */
export const twoRowSpec = (id: string, extra: Partial<ReportSpec> = {}): ReportSpec => ({
  reportId: id,
  domain: 'acme.example',
  begin: '2025-03-01',
  rows: [
    { ip: '192.0.2.10', count: 5, dkim: 'pass', spf: 'pass' },
    { ip: '198.51.100.7', count: 2, dkim: 'fail', spf: 'fail' },
  ],
  ...extra,
});

/** Writes one file into the test's folder, imports it, and lists the repair codes beside the result. */
export async function importOne(t: TempLedger, name: string, data: string | Buffer) {
  const r = await importReports(t.db, [t.file(name, data)]);
  return { ...r, codes: r.repaired.map((n) => n.code) };
}
