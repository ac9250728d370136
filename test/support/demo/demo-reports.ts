import { reportXml, type RowSpec } from '../dmarc/report-builder';
import { POSTMARK_IPS } from './demo-zones';

/**
 * Four weeks of daily DMARC aggregate reports per demo domain, from two receivers: Postmark's servers
 * (aligned DKIM, volume growing), the customer's own mail platform, and for one domain an unknown sender
 * that fails both SPF and DKIM — what "who sends as this domain" and enforcement readiness exist to show.
 */
export interface DemoReportDomain {
  domain: string;
  /** Messages a day through Postmark at the start of the period. */
  volume: number;
  /** How Postmark's mail for it authenticates: own domain (option 1), Postmark's (option 2), or none sent. */
  postmark: 'aligned' | 'unaligned' | 'none';
  /** Adds a failing unknown sender (a forger, or a tool nobody set up). */
  spoofed?: boolean;
}

const DAY = 86_400;

function rows(d: DemoReportDomain, day: number, share: number): RowSpec[] {
  const grow = (n: number) => Math.max(1, Math.round(n * share * (1 + day / 20)));
  const aligned = d.postmark === 'aligned';
  // Option 2 mail is signed by Postmark's own domain and bounces to it: it passes SPF and DKIM, unaligned.
  const signer = aligned ? d.domain : 'pm.mtasv.net';
  const bounces = aligned ? `pm-bounces.${d.domain}` : 'pm.mtasv.net';
  const postmark: RowSpec[] =
    d.postmark === 'none'
      ? []
      : POSTMARK_IPS.map((p, i) => ({
          ip: p.ip,
          count: grow(d.volume / (i + 1)),
          dkim: aligned ? 'pass' : 'fail',
          spf: aligned ? 'pass' : 'fail',
          headerFrom: d.domain,
          envelopeFrom: bounces,
          dkimAuth: [{ domain: signer, selector: 'pm', result: 'pass' }],
          spfAuth: [{ domain: bounces, result: 'pass' }],
        }));
  const own: RowSpec = {
    ip: '209.85.220.41',
    count: grow(d.volume / 4),
    dkim: 'pass',
    spf: 'pass',
    headerFrom: d.domain,
    dkimAuth: [{ domain: d.domain, selector: 'google', result: 'pass' }],
    spfAuth: [{ domain: d.domain, result: 'pass' }],
  };
  const forger: RowSpec[] =
    d.spoofed && day % 3 !== 1
      ? [
          {
            ip: '203.0.113.45',
            count: 3 + (day % 5) * 4,
            dkim: 'fail',
            spf: 'fail',
            headerFrom: d.domain,
            spfAuth: [{ domain: 'mailer.invalid', result: 'fail' }],
          },
        ]
      : [];
  return [...postmark, own, ...forger];
}

/** File name → report XML for `days` days ending yesterday (UTC). */
export function demoReports(domains: DemoReportDomain[], days = 28, now = Date.now()): Record<string, string> {
  const files: Record<string, string> = {};
  const today = Math.floor(now / 1000 / DAY) * DAY;
  for (const d of domains) {
    for (let i = 0; i < days; i++) {
      const begin = today - (days - i) * DAY;
      const date = new Date(begin * 1000).toISOString().slice(0, 10);
      for (const [org, email, share] of [
        ['google.com', 'noreply-dmarc-support@google.com', 0.6],
        ['Outlook.com', 'dmarcreport@microsoft.com', 0.4],
      ] as const) {
        const reportId = `${org}-${d.domain}-${date}`;
        files[`${org.toLowerCase()}!${d.domain}!${begin}!${begin + DAY - 1}.xml`] = reportXml({
          org,
          email,
          reportId,
          domain: d.domain,
          begin,
          policy: { p: 'none', adkim: 'r', aspf: 'r' },
          rows: rows(d, i, share),
        });
      }
    }
  }
  return files;
}
