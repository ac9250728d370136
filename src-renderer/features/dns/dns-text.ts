import type { CheckReportView } from '../../../src-preload/api/dns';
import type { Option2Facts } from '../../../src-preload/api/verdicts';

/** The facts of a stored check that "is option 2 safe?" rests on (verdicts.ts turns them into words). */
export function option2Facts(report: CheckReportView): Option2Facts {
  const mx = report.records.find((r) => r.kind === 'mx');
  const receivesMail = !mx || mx.status === 'error' ? null : mx.cause === 'ok';
  return { dmarc: report.option2.verdict, policy: report.dmarc?.applied ?? null, receivesMail };
}

/** Short meaning of each cause code, for group headings and tooltips. Unknown codes show as themselves. */
export const CAUSE_TEXT: Record<string, string> = {
  ok: 'nothing to report',
  nxdomain: 'the name does not exist',
  nodata: 'no record of this type at the name',
  timeout: 'the DNS server did not answer',
  servfail: 'the DNS server failed',
  refused: 'the DNS server refused the query',
  'doubled-suffix': 'published at host.domain.domain',
  'proxied-cname': 'CNAME proxied (A records instead)',
  'cname-wrong-target': 'CNAME points elsewhere',
  'dkim-mismatch': 'a different DKIM key is published',
  'dkim-truncated': 'DKIM key cut at 255 bytes',
  'dkim-quoted': 'DKIM value pasted with quotes',
  'dkim-malformed': 'DKIM value is not a usable key',
  'spf-multiple': 'more than one SPF record',
  'spf-too-many-lookups': 'SPF over 10 DNS lookups',
  'spf-void-lookups': 'SPF has too many void lookups',
  'spf-invalid': 'SPF syntax error',
  'dmarc-missing': 'no DMARC record',
  'dmarc-multiple': 'more than one DMARC record',
  'dmarc-invalid': 'DMARC record has errors',
  'stale-cache': 'published; resolver cache not expired',
  'nameservers-disagree': 'name servers answer differently',
  'revoked-key-still-published': 'revoked DKIM key still published',
  'not-checked': 'not checked (input missing)',
  'option2-will-fail': 'option 2 mail will fail DMARC',
  'failed-to-check': 'the check itself failed',
};

export const KIND_LABEL: Record<string, string> = {
  dkim: 'DKIM',
  'dkim-revoked': 'DKIM (revoked)',
  'return-path': 'Return-Path',
  dmarc: 'DMARC',
  spf: 'SPF',
  mx: 'MX',
  'dmarc-policy': 'DMARC policy',
};

export function when(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}

export function ttlText(ttl: number | null): string {
  if (ttl === null) return '—';
  if (ttl < 120) return `${ttl} s`;
  if (ttl < 7200) return `${Math.round(ttl / 60)} min`;
  return `${Math.round(ttl / 3600)} h`;
}
