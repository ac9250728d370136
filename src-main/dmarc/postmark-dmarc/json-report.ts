import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { BehalfError } from '../../../src-preload/api/errors';
import { commitReport, type CommitResult } from '../import/commit-report-store';
import { RepairLog } from '../import/repairs';
import type { ReportHeader, ReportRow } from '../import/report-types';
import { reportExists, ReportStage } from '../import/stage-store';

/**
 * Postmark DMARC's JSON form of one aggregate report (GET /records/my/reports/{id} with Accept: application/json),
 * as community clients read it: report metadata, the published policy, and `records[]` as flat rows. Mapped onto
 * the same internal report model the XML importer produces, then committed through the same store, so a report
 * counts once whether it arrived as JSON or as XML: the key is (organization_name, external_id) = (org, report_id).
 */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const flatRowSchema = z.object({
  source_ip: z.string(),
  count: z.coerce.number().int().nonnegative(),
  header_from: text,
  spf_domain: text,
  spf_result: text,
  dkim_domain: text,
  dkim_result: text,
  policy_evaluated_disposition: text,
  policy_evaluated_dkim: text,
  policy_evaluated_spf: text,
  policy_evaluated_reason_type: text,
  record_id: z.union([z.number(), z.string()]).nullish(),
});
export const jsonReportSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  domain: z.string().min(1),
  external_id: z.union([z.string(), z.number()]).transform(String),
  organization_name: z.string().min(1),
  email: text,
  date_range_begin: z.string(),
  date_range_end: z.string(),
  domain_policy: z.string().nullish(),
  subdomain_policy: z.string().nullish(),
  dkim_alignment_mode: z.string().nullish(),
  spf_alignment_mode: z.string().nullish(),
  filtering_percentage: z.coerce.number().nullish(),
  source_uri: z.string().nullish(),
  records: z.array(flatRowSchema),
});
export type JsonReport = z.infer<typeof jsonReportSchema>;
type FlatRow = z.infer<typeof flatRowSchema>;

const seconds = (iso: string, field: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms))
    throw new BehalfError('postmark-dmarc.bad-response', `The report's ${field} is not a date.`, 'Try again later; if it repeats, the API may have changed.');
  return Math.floor(ms / 1000);
};

export function headerOf(r: JsonReport): ReportHeader {
  const opt = (v: string | null | undefined) => (v ? v.toLowerCase() : undefined);
  return {
    schema: 'rfc7489',
    org: r.organization_name,
    email: r.email,
    reportId: r.external_id,
    begin: seconds(r.date_range_begin, 'date_range_begin'),
    end: seconds(r.date_range_end, 'date_range_end'),
    errors: [],
    policy: {
      domain: r.domain.toLowerCase(),
      p: opt(r.domain_policy),
      sp: opt(r.subdomain_policy),
      adkim: opt(r.dkim_alignment_mode),
      aspf: opt(r.spf_alignment_mode),
      ...(r.filtering_percentage != null ? { pct: r.filtering_percentage } : {}),
    },
  };
}

/**
 * Flat rows → report rows. A record with several DKIM signatures appears as several flat rows with one
 * record_id (assumed from the field names; FIDELITY.md): they become one row, its count taken once.
 */
export function rowsOf(r: JsonReport): ReportRow[] {
  const byRecord = new Map<string, ReportRow>();
  const out: ReportRow[] = [];
  r.records.forEach((f: FlatRow, i) => {
    const key = f.record_id != null ? String(f.record_id) : `row-${i}`;
    const known = byRecord.get(key);
    const dkim = f.dkim_domain || f.dkim_result ? [{ domain: f.dkim_domain, selector: '', result: f.dkim_result.toLowerCase() }] : [];
    if (known) {
      for (const d of dkim) if (!known.dkimAuth.some((k) => k.domain === d.domain && k.result === d.result)) known.dkimAuth.push(d);
      return;
    }
    const row: ReportRow = {
      sourceIp: f.source_ip,
      count: f.count,
      disposition: f.policy_evaluated_disposition.toLowerCase(),
      dkim: f.policy_evaluated_dkim.toLowerCase(),
      spf: f.policy_evaluated_spf.toLowerCase(),
      reasons: f.policy_evaluated_reason_type ? [f.policy_evaluated_reason_type.toLowerCase()] : [],
      headerFrom: f.header_from.toLowerCase(),
      envelopeFrom: '',
      envelopeTo: '',
      dkimAuth: dkim,
      spfAuth: f.spf_domain || f.spf_result ? [{ domain: f.spf_domain, scope: 'mfrom', result: f.spf_result.toLowerCase() }] : [],
    };
    byRecord.set(key, row);
    out.push(row);
  });
  return out;
}

export function parseJsonReport(body: unknown): JsonReport {
  const parsed = jsonReportSchema.safeParse(body);
  if (!parsed.success)
    throw new BehalfError(
      'postmark-dmarc.bad-response',
      'Postmark DMARC answered a report in an unexpected shape.',
      'Try again later; if it repeats, the API may have changed.',
    );
  return parsed.data;
}

/** Writes one JSON report through the importer's stage and commit: same tables, same duplicate rule. */
export async function importJsonReport(db: Database, report: JsonReport, sourceFile: string, importedAt = new Date().toISOString()): Promise<CommitResult> {
  const header = headerOf(report);
  if (reportExists(db, header.org, header.reportId)) return { outcome: 'duplicate', rows: 0, messages: 0, repairs: [] };
  const stage = new ReportStage(db);
  try {
    const rows = rowsOf(report);
    stage.batch(() => rows.forEach((row) => stage.add(row)));
    // No content digest: the JSON flattens records, so it never compares with the XML of the same report.
    return await commitReport(db, stage, header, { sourceFile, importedAt, repairs: new RepairLog() });
  } finally {
    stage.dispose();
  }
}
