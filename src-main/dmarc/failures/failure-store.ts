import type { Database } from 'better-sqlite3';
import { ownedTables } from '../../ledger/table-rows-repo';
import type { FailureReport } from './failure-report';

/** The only code that reads or writes dmarc_failures (migration 013). */

/** Writes one failure report; false when it is already in the ledger (same digest). */
export function insertFailure(db: Database, r: FailureReport, sourceFile: string, importedAt: string): boolean {
  const info = db
    .prepare(
      `INSERT INTO dmarc_failures (digest, domain, reporter, arrival, source_ip, header_from, envelope_from, auth_failure,
      auth_results, disposition, dkim_domain, subject, recipients, source_file, imported_at)
    VALUES (@digest, @domain, @reporter, @arrival, @sourceIp, @headerFrom, @envelopeFrom, @authFailure, @authResults, @disposition,
      @dkimDomain, @subject, @recipients, @sourceFile, @importedAt)
    ON CONFLICT (digest) DO NOTHING`,
    )
    .run({ ...r, arrival: r.arrival ?? null, subject: r.subject ?? null, recipients: r.recipients ?? null, sourceFile, importedAt });
  return info.changes > 0;
}

/** What a door may show: everything but the personal data (subject, recipients), which never leaves the ledger. */
export interface FailureRow {
  arrival: string | null;
  reporter: string;
  sourceIp: string;
  headerFrom: string;
  authFailure: string;
  authResults: string;
  disposition: string;
  dkimDomain: string;
}

export function failuresFor(db: Database, domain: string, limit = 500): FailureRow[] {
  return db
    .prepare(
      `SELECT CASE WHEN arrival IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ', arrival, 'unixepoch') END AS arrival,
      reporter, source_ip AS sourceIp, header_from AS headerFrom, auth_failure AS authFailure, auth_results AS authResults,
      disposition, dkim_domain AS dkimDomain
    FROM dmarc_failures WHERE domain = ? OR domain LIKE '%.' || ? ORDER BY arrival DESC, id DESC LIMIT ?`,
    )
    .all(domain, domain, limit) as FailureRow[];
}

/** Failure reports per source IP for a domain over [fromTs, toTs): what "who sends as this domain" adds up. */
export function failureCountsByIp(db: Database, domain: string, fromTs: number, toTs: number): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT source_ip AS ip, COUNT(*) AS n FROM dmarc_failures
    WHERE domain = ? AND source_ip <> '' AND (arrival IS NULL OR (arrival >= ? AND arrival < ?)) GROUP BY source_ip`,
    )
    .all(domain, fromTs, toTs) as Array<{ ip: string; n: number }>;
  return new Map(rows.map((r) => [r.ip, r.n]));
}

/** Failure reports for the whole-ledger export (issue #20): the operator's data, personal fields as kept. */
export const failureTables = ownedTables([{ name: 'dmarc_failures', orderBy: 'id' }]);
