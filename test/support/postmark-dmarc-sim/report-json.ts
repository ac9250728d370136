/**
 * The JSON form Postmark DMARC gives for a report (field names from a working community Go client,
 * vlatan/postmark-reports common/common.go, and postmark-api.md §4), derived here from the report's XML so a
 * test states each report once. One flat row per DKIM result of a record, sharing its record_id (assumed).
 */
const one = (xml: string, tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
const all = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
const iso = (unix: string | undefined) => new Date(Number(unix ?? 0) * 1000).toISOString();

export function reportJsonFromXml(xml: string, meta: { id: number; sourceUri: string }): Record<string, unknown> {
  const policy = all(xml, 'policy_published')[0] ?? '';
  const metadata = all(xml, 'report_metadata')[0] ?? '';
  const records = all(xml, 'record').flatMap((rec, index) => {
    const row = all(rec, 'row')[0] ?? '';
    const evaluated = all(row, 'policy_evaluated')[0] ?? '';
    const spf = all(rec, 'spf').map((s) => ({ domain: one(s, 'domain') ?? '', result: one(s, 'result') ?? '' }));
    const dkim = all(rec, 'dkim')
      .filter((d) => d.includes('<domain>'))
      .map((d) => ({ domain: one(d, 'domain') ?? '', result: one(d, 'result') ?? '' }));
    const base = {
      source_ip: one(row, 'source_ip'),
      source_ip_version: (one(row, 'source_ip') ?? '').includes(':') ? 6 : 4,
      host_name: null,
      count: Number(one(row, 'count') ?? 0),
      header_from: one(rec, 'header_from') ?? '',
      spf_domain: spf[0]?.domain ?? '',
      spf_result: spf[0]?.result ?? '',
      policy_evaluated_disposition: one(evaluated, 'disposition') ?? '',
      policy_evaluated_dkim: one(evaluated, 'dkim') ?? '',
      policy_evaluated_spf: one(evaluated, 'spf') ?? '',
      policy_evaluated_reason_type: one(evaluated, 'type') ?? null,
      policy_evaluated_reason_comment: one(evaluated, 'comment') ?? null,
      top_private_domain_name: one(rec, 'header_from') ?? '',
      record_id: meta.id * 1000 + index,
      report_id: meta.id,
    };
    const dkims = dkim.length ? dkim : [{ domain: null, result: null }];
    return dkims.map((d, n) => ({ ...base, dkim_domain: d.domain, dkim_result: d.result, row_num: n + 1 }));
  });
  return {
    id: meta.id,
    domain: one(policy, 'domain'),
    external_id: one(metadata, 'report_id'),
    organization_name: one(metadata, 'org_name'),
    email: one(metadata, 'email'),
    extra_contact_info: null,
    date_range_begin: iso(one(metadata, 'begin')),
    date_range_end: iso(one(metadata, 'end')),
    created_at: new Date().toISOString(),
    raw_size: Buffer.byteLength(xml),
    source_uri: meta.sourceUri,
    domain_policy: one(policy, 'p'),
    subdomain_policy: one(policy, 'sp') ?? null,
    dkim_alignment_mode: one(policy, 'adkim') ?? 'r',
    spf_alignment_mode: one(policy, 'aspf') ?? 'r',
    filtering_percentage: Number(one(policy, 'pct') ?? 100),
    records,
  };
}
