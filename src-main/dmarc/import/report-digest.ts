import { createHash } from 'node:crypto';
import { headerValues } from './report-header-columns';
import type { ReportHeader } from './report-types';

/**
 * What a report says, as a digest: its rows and header as the ledger keeps them, not its bytes (the same report sent
 * as .xml, .gz or a 7bit attachment differs in line ends). Tells a re-send (a duplicate) from a different report that
 * reuses its reporter's report id.
 *
 * Defined on what the ledger stores, so that it can be computed again from the ledger alone (`digestOfStoredReport`):
 * SHA-256 of the rows' JSON — each row an array in ROW_COLUMNS order, as `rowColumns` makes it and SQLite reads it —
 * joined by ',' without the enclosing brackets, then U+001C, then the JSON array of the header's HEADER_COLUMNS
 * values. The rows are hashed in whatever batches they were serialized in for the writer (one native update per
 * batch): the text hashed is the same however they were cut.
 *
 * Before issue #17's last change the digest was of another text (every field read, the row's columns built from
 * them); a report imported then has a digest this one never matches, so a mismatch is settled against the ledger's
 * own rows (commit-report-store.ts). That text cost the import thread a fifth of a 100 MB report's import.
 */
export class ReportDigest {
  private readonly hash = createHash('sha256');
  private anyRows = false;

  /** A batch of rows, in file order, as one JSON array of row arrays (`JsonRows.json`). */
  rows(json: string): void {
    if (json.length <= 2) return; // "[]"
    if (this.anyRows) this.hash.update(',');
    this.hash.update(json.slice(1, -1));
    this.anyRows = true;
  }

  /** The hex digest; call once, after the last row. */
  finish(header: ReportHeader): string {
    return this.finishWith(headerValues(header));
  }

  /** The hex digest, the header given as its HEADER_COLUMNS values (as the ledger holds them). */
  finishWith(values: readonly unknown[]): string {
    return this.hash.update('\x1c').update(JSON.stringify(values)).digest('hex');
  }
}
