import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

/** Generates DMARC aggregate report XML in either schema, small (a string) or huge (streamed to disk). */

export interface RowSpec {
  ip: string;
  count: number;
  /** policy_evaluated (aligned) results. */
  dkim: 'pass' | 'fail';
  spf: 'pass' | 'fail';
  disposition?: string;
  headerFrom?: string;
  envelopeFrom?: string;
  reasons?: string[];
  dkimAuth?: Array<{ domain: string; selector?: string; result: string }>;
  spfAuth?: Array<{ domain: string; scope?: string; result: string }>;
}

export interface ReportSpec {
  schema?: 'rfc7489' | 'rfc9990';
  org?: string;
  email?: string;
  reportId: string;
  domain: string;
  /** YYYY-MM-DD (UTC midnight) or Unix seconds. */
  begin: string | number;
  /** Defaults to begin + 1 day − 1 s. */
  end?: number;
  policy?: { p?: string; sp?: string; np?: string; adkim?: string; aspf?: string; pct?: number; testing?: string; discoveryMethod?: string };
  /** RFC 9990 only: add namespaced extension elements (which must be ignored). */
  extensions?: boolean;
  rows?: RowSpec[];
}

export function dayTs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function reportHead(spec: ReportSpec): string {
  const v2 = spec.schema === 'rfc9990';
  const begin = typeof spec.begin === 'number' ? spec.begin : dayTs(spec.begin);
  const end = spec.end ?? begin + 86_399;
  const p = { p: 'none', ...(spec.policy ?? {}) };
  const opt = (tag: string, value: string | number | undefined) => (value === undefined ? '' : `    <${tag}>${esc(String(value))}</${tag}>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback${v2 ? ' xmlns="urn:ietf:params:xml:ns:dmarc-2.0" xmlns:ext="urn:example:ext"' : ''}>
  <version>1.0</version>
  <report_metadata>
    <org_name>${esc(spec.org ?? 'google.com')}</org_name>
    <email>${esc(spec.email ?? 'noreply-dmarc-support@google.com')}</email>
    <report_id>${esc(spec.reportId)}</report_id>
    <date_range><begin>${begin}</begin><end>${end}</end></date_range>
${v2 ? '    <generator>Fixture 1.0</generator>\n' : ''}  </report_metadata>
  <policy_published>
    <domain>${esc(spec.domain)}</domain>
${v2 ? opt('discovery_method', p.discoveryMethod ?? 'treewalk') : ''}${opt('adkim', p.adkim)}${opt('aspf', p.aspf)}    <p>${p.p}</p>
${opt('sp', p.sp)}${v2 ? opt('np', p.np) + opt('testing', p.testing ?? 'n') : opt('pct', p.pct ?? 100)}  </policy_published>
${v2 && spec.extensions ? '  <extension><ext:thing><ext:record><row>not ours</row></ext:record></ext:thing></extension>\n' : ''}`;
}

export function recordXml(row: RowSpec, spec: Pick<ReportSpec, 'schema' | 'domain' | 'extensions'>): string {
  const from = row.headerFrom ?? spec.domain;
  const dkimAuth = row.dkimAuth ?? (row.dkim === 'pass' ? [{ domain: from, selector: 'pm', result: 'pass' }] : []);
  const spfAuth = row.spfAuth ?? [{ domain: row.envelopeFrom ?? from, scope: 'mfrom', result: row.spf }];
  return `  <record>
    <row>
      <source_ip>${row.ip}</source_ip>
      <count>${row.count}</count>
      <policy_evaluated>
        <disposition>${row.disposition ?? 'none'}</disposition>
        <dkim>${row.dkim}</dkim>
        <spf>${row.spf}</spf>
${(row.reasons ?? []).map((r) => `        <reason><type>${r}</type><comment>c</comment></reason>\n`).join('')}      </policy_evaluated>
    </row>
    <identifiers>
${row.envelopeFrom ? `      <envelope_from>${esc(row.envelopeFrom)}</envelope_from>\n` : ''}      <header_from>${esc(from)}</header_from>
    </identifiers>
    <auth_results>
${dkimAuth.map((d) => `      <dkim><domain>${esc(d.domain)}</domain><selector>${esc(d.selector ?? 's1')}</selector><result>${d.result}</result></dkim>\n`).join('')}${spfAuth.map((s) => `      <spf><domain>${esc(s.domain)}</domain>${s.scope ? `<scope>${s.scope}</scope>` : ''}<result>${s.result}</result></spf>\n`).join('')}    </auth_results>
${spec.schema === 'rfc9990' && spec.extensions ? '    <ext:note><ext:row>ignored</ext:row></ext:note>\n' : ''}  </record>
`;
}

export const REPORT_TAIL = '</feedback>\n';

export function reportXml(spec: ReportSpec): string {
  return reportHead(spec) + (spec.rows ?? []).map((r) => recordXml(r, spec)).join('') + REPORT_TAIL;
}

/** Streams a report with `rows` generated records to `file` (gzip-compressed when `gzip`), never holding it whole. */
export async function writeLargeReport(
  file: string,
  spec: ReportSpec,
  rows: number,
  rowAt: (i: number) => RowSpec,
  opts: { gzip?: boolean } = {},
): Promise<void> {
  const out = fs.createWriteStream(file);
  const sink: NodeJS.WritableStream = opts.gzip ? zlib.createGzip() : out;
  if (opts.gzip) (sink as zlib.Gzip).pipe(out);
  const write = async (s: string) => {
    if (!sink.write(s)) await once(sink, 'drain');
  };
  await write(reportHead(spec));
  for (let i = 0; i < rows; i++) await write(recordXml(rowAt(i), spec));
  await write(REPORT_TAIL);
  sink.end();
  await once(out, 'finish');
}

/**
 * The rows of the big generated reports (tests and benches): distinct IPs, a mix of passes and failures,
 * all From acme.example. The IPs come in no order (no RFC orders a report's records): row i's is i times an odd
 * number modulo 2^24 (so distinct for 16 million rows) inside 10/8. A report in IP order hid what random order costs
 * an index keyed on the IP (migration 023).
 */
export const bulkRowAt = (i: number): RowSpec => ({
  ip: scatteredIp(i),
  count: (i % 7) + 1,
  dkim: i % 3 === 0 ? 'fail' : 'pass',
  spf: i % 5 === 0 ? 'fail' : 'pass',
  headerFrom: 'acme.example',
});

function scatteredIp(i: number): string {
  const h = Math.imul(i, 0x9e3779b1) & 0xffffff;
  return `10.${h >>> 16}.${(h >>> 8) & 255}.${h & 255}`;
}

export function gzip(data: string | Buffer): Buffer {
  return zlib.gzipSync(data);
}
