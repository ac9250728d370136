import type { ReportHeader } from './report-types';

/** The report row's columns that come from its header, and their values: one mapping for insert, publish and digest. */
export const HEADER_COLUMNS = [
  'org_email',
  'domain',
  'date_begin',
  'date_end',
  'p',
  'sp',
  'np',
  'adkim',
  'aspf',
  'pct',
  'fo',
  'testing',
  'discovery_method',
  'schema',
  'version',
  'generator',
  'report_errors',
] as const;

/**
 * `header` as HEADER_COLUMNS' values. Each value has its column's type (text or null; integers for the dates and
 * pct), so the ledger gives back exactly these values: the report digest relies on it (report-digest.ts).
 */
export function headerValues(header: ReportHeader): unknown[] {
  const p = header.policy;
  return [
    header.email,
    p.domain,
    header.begin,
    header.end,
    p.p ?? null,
    p.sp ?? null,
    p.np ?? null,
    p.adkim ?? null,
    p.aspf ?? null,
    p.pct ?? null,
    p.fo ?? null,
    p.testing ?? null,
    p.discoveryMethod ?? null,
    header.schema,
    header.version ?? null,
    header.generator ?? null,
    header.errors.join('\n'),
  ];
}
