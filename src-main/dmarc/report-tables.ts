import type { Db } from '../ledger/open';
import { countRows, ownedTables } from '../ledger/table-rows-repo';

/**
 * DMARC reports and their rows, for the whole-ledger export (issue #20). Only published reports count: a staged
 * report (an import still running, or killed) is invisible everywhere else too, so it is neither exported nor
 * counted. The PTR cache is a cache, not the user's data, and is left out.
 */
export const reportTables = ownedTables([
  { name: 'dmarc_reports', orderBy: 'id', where: 'staged_by IS NULL' },
  { name: 'dmarc_rows', orderBy: 'id', where: 'report_id IN (SELECT id FROM dmarc_reports WHERE staged_by IS NULL)' },
]);

/** Published reports in a ledger of any schema version (a snapshot may predate DMARC, or staging). */
export function countReports(db: Db): number {
  const columns = db.pragma('table_info(dmarc_reports)') as { name: string }[];
  if (!columns.length) return 0;
  return countRows(db, 'dmarc_reports', columns.some((c) => c.name === 'staged_by') ? 'staged_by IS NULL' : '');
}
