import type { Db } from '../ledger/open';
import { tableChangeStamp } from '../ledger/change-stamp-repo';

/**
 * Moves when what sources.ts's sourceInputs reads may have changed. Report rows are only ever inserted with their
 * report's row in one transaction (commit-report-store.ts), or under a staged report that queries leave out until an
 * UPDATE of dmarc_reports publishes it (staging-store.ts), so a trigger per inserted row would only slow imports; rows
 * updated or deleted are watched all the same. The PTR cache is not watched here: names change while a page looks
 * them up, the inputs do not, so kept-sources.ts watches it for the named reports only.
 */
export function reportInputsStamp(db: Db): () => string {
  const all = ['INSERT', 'UPDATE', 'DELETE'] as const;
  return tableChangeStamp(db, 'dmarc_inputs', [
    { table: 'dmarc_reports', ops: all },
    { table: 'dmarc_rows', ops: ['UPDATE', 'DELETE'] },
    { table: 'dmarc_failures', ops: all },
    { table: 'dmarc_legitimate_senders', ops: all },
  ]);
}
