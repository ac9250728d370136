import type { Database } from 'better-sqlite3';

export interface DmarcDomainSummary {
  /** Policy domain of the reports. */
  domain: string;
  reports: number;
  messages: number;
  /** First and last report day (UTC, by the day each report's range begins). */
  firstDay: string;
  lastDay: string;
}

/** Domains with imported (published) reports, busiest first: what a domain picker or an overview lists. */
export function dmarcDomains(db: Database): DmarcDomainSummary[] {
  return db
    .prepare(
      `
    SELECT domain,
           COUNT(*) AS reports,
           SUM(message_count) AS messages,
           date(MIN(date_begin), 'unixepoch') AS firstDay,
           date(MAX(date_begin), 'unixepoch') AS lastDay
    FROM dmarc_reports
    WHERE staged_by IS NULL
    GROUP BY domain
    ORDER BY messages DESC, domain ASC`,
    )
    .all() as DmarcDomainSummary[];
}
