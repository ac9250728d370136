import type { Cause, RecordKind } from '../../../src-main/dns/causes';
import type { CheckInput } from '../../../src-main/dns/expected-records';

/**
 * Zones served by real nsd in the DNS tests. Each cause code has at least one case below that produces
 * it through the real resolver path. Keys are real RSA public keys (SPKI, base64) generated once.
 */

export const SELECTOR = '20240817055129pm';
export const KEY_1024 =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+zCluDVDv+Rr8wpYVZUnMdi+JyedDZluRjLVhX7mPtJPlfvulSjqsT8ZoRGXgpNhw3K9u8DzlzSbStA4lfNGNWuXki278j2kpCOb0VVeZ0yVWDhKzX7PUZNwFNZlyG0e+9Mb2r3c6DSKoJByLkRzzVeJN1wgTu0Lnl/LJzAMPxwIDAQAB';
export const OTHER_KEY_1024 =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCl0ge3oJN0hYxCHvubQQe5+Z2fqiOegeXSGYEoG83d8S0PS4YwYrHe4dlH60bRQ94XqiESNkd2D/FdTTITB7dGa/2Ii6ZpJS3nLL3kT5ePQJg7bXZ9lAzo1TFJvG023s9htff3FSpkyOy2GNYP0sFvjxPl+hdf+Cj5RNSPKXwVKQIDAQAB';
export const REVOKED_KEY_1024 =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDKBKSCHsfeW6MvGdzbZE1FMASIafBqSFYfKtc/PHWYgZwS+nqapcZqI/pENGM+cd/kPmHUgXzMrGHN13i5oOQ44RixMHgizOcuhyW8RhN6IHx37MjkQ/DkH2gEJetmWMVp1NGX5LzIZhuzGm1zPRNBNDUvyMxDVFlMNitQPURmlwIDAQAB';
export const KEY_2048 =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAo5pGdz60+zFvL1XvkoruG8E1bepQtq5P6f7+CLZf1IdejWpqMsfLgvsU7nKZaKL7vhp1QFECDjBv2lYbqwmaOqlQB8dModxRSsi+hnuQlgw+UjfQ3wJZjwTlHhpweeQkNExX938xBx7NtZDtVE4pdfykt2aSdLjcClt+ub9mjga2BrlS8BsHkrGgV/WQLw8md5B9mgcfg5UDJJbAZzG/A1n9AZZ6/M3dy7jznliZ2bkvN4PmyBpzBpjhCrYegZaMKZycL4zp/+EK/kRhhjPuwSZmZMkmebgtvjt4Ty+dd5rhiWqa56A49P5z5N/+N4djrHU1f48pIk4qccjVthrQfwIDAQAB';

export const dkimValue = (key: string) => `k=rsa; p=${key}`;
/** SOA minimum of every fixture zone: the negative-cache TTL a stale-cache report must show. */
export const NEGATIVE_TTL = 120;

/** SOA + NS (ns1 → 127.0.0.1, plus ns2 → 127.0.0.2 when asked) + body. */
export function zone(origin: string, body: string, opts: { serial?: number; secondNs?: boolean } = {}): string {
  const ns2 = opts.secondNs ? '@ IN NS ns2\nns2 IN A 127.0.0.2\n' : '';
  return `$ORIGIN ${origin}.
$TTL 300
@ IN SOA ns1 hostmaster ${opts.serial ?? 1} 3600 600 86400 ${NEGATIVE_TTL}
@ IN NS ns1
ns1 IN A 127.0.0.1
${ns2}${body.trim()}
`;
}

const longValue = dkimValue(KEY_2048);
const quoted = (s: string) => `"${s}"`;
/** A 2048-bit key published correctly: split into 255-byte strings. */
const LONG_SPLIT = [longValue.slice(0, 255), longValue.slice(255)].map(quoted).join(' ');
/** The same key cut at 255 bytes by a panel that accepts only one string. */
const LONG_CUT = quoted(longValue.slice(0, 255));

export const MAIN_ZONES: Record<string, string> = {
  'good.test': zone(
    'good.test',
    `
@ IN MX 10 mx1
@ IN A 192.0.2.1
mx1 IN A 192.0.2.10
@ IN TXT "v=spf1 include:_spf.good.test ~all"
_spf IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@good.test"
${SELECTOR}._domainkey IN TXT "${dkimValue(KEY_1024)}"
2048pm._domainkey IN TXT ${LONG_SPLIT}
20230101000000pm._domainkey IN TXT "${dkimValue(REVOKED_KEY_1024)}"
pm-bounces IN CNAME pm.mtasv.net.
bounces-chain IN CNAME hop.good.test.
hop IN CNAME pm.mtasv.net.
`,
  ),
  'broken.test': zone(
    'broken.test',
    `
@ IN TXT "v=spf1 include: _spf.example.com ~all"
_dmarc IN TXT "v=DMARC1; p=none"
; FQDNs typed into a panel that appends the zone (no trailing dot): they land at …broken.test.broken.test
${SELECTOR}._domainkey.broken.test IN TXT "${dkimValue(KEY_1024)}"
pm-bounces.broken.test IN CNAME pm.mtasv.net.
; Cloudflare "orange cloud": proxy addresses instead of the CNAME
proxied IN A 104.16.132.229
proxied IN AAAA 2606:4700::6810:84e5
; target without trailing dot in a zone file → pm.mtasv.net.broken.test
nodot IN CNAME pm.mtasv.net
elsewhere IN CNAME bounces.other-esp.example.
txtonly IN TXT "not a cname"
mismatch._domainkey IN TXT "${dkimValue(OTHER_KEY_1024)}"
truncated._domainkey IN TXT ${LONG_CUT}
quoted._domainkey IN TXT "\\"${dkimValue(KEY_1024)}\\""
nop._domainkey IN TXT "k=rsa; ${KEY_1024}"
addr._domainkey IN A 192.0.2.7
`,
  ),
  'spf-multi.test': zone(
    'spf-multi.test',
    `
@ IN TXT "v=spf1 include:_spf.google.com ~all"
@ IN TXT "v=spf1 include:spf.mtasv.net ~all"
`,
  ),
  // 11 lookups: top 4 (include a, include b, mx, a) + a 3 (include c, a, mx) + c 2 (a:, include d) + b 2 (exists, a:)
  'spf-many.test': zone(
    'spf-many.test',
    `
@ IN A 192.0.2.1
@ IN MX 10 mx1
mx1 IN A 192.0.2.10
x IN A 127.0.0.2
@ IN TXT "v=spf1 include:a.spf-many.test include:b.spf-many.test mx a ~all"
a IN A 192.0.2.2
a IN MX 10 mx1.spf-many.test.
a IN TXT "v=spf1 include:c.spf-many.test a mx -all"
b IN TXT "v=spf1 exists:x.spf-many.test a:mx1.spf-many.test ?all"
c IN TXT "v=spf1 a:mx1.spf-many.test include:d.spf-many.test -all"
d IN TXT "v=spf1 ip4:192.0.2.1 -all"
`,
  ),
  // exactly 10 lookups: top 4 (include i1, include i2, a, mx) + i1 3 (a, mx, include i3) + i2 1 (a:) + i3 2 (a, mx)
  'spf-ten.test': zone(
    'spf-ten.test',
    `
@ IN A 192.0.2.1
@ IN MX 10 mx1
mx1 IN A 192.0.2.10
@ IN TXT "v=spf1 include:i1.spf-ten.test include:i2.spf-ten.test a mx -all"
i1 IN A 192.0.2.3
i1 IN MX 10 mx1.spf-ten.test.
i1 IN TXT "v=spf1 a mx include:i3.spf-ten.test -all"
i2 IN TXT "v=spf1 a:mx1.spf-ten.test ip4:192.0.2.0/24 -all"
i3 IN A 192.0.2.4
i3 IN MX 10 mx1.spf-ten.test.
i3 IN TXT "v=spf1 a mx -all"
`,
  ),
  'spf-void.test': zone(
    'spf-void.test',
    `
@ IN TXT "v=spf1 a:gone1.spf-void.test mx:gone2.spf-void.test exists:gone3.spf-void.test ip4:192.0.2.1 -all"
`,
  ),
  'dmarc-multi.test': zone(
    'dmarc-multi.test',
    `
_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:a@dmarc-multi.test"
_dmarc IN TXT "v=DMARC1; p=reject"
`,
  ),
  'dmarc-bad.test': zone(
    'dmarc-bad.test',
    `
_dmarc IN TXT "v=DMARC1; p=block; rua=dmarc@dmarc-bad.test"
`,
  ),
  'nodmarc.test': zone(
    'nodmarc.test',
    `
@ IN MX 10 mx1
mx1 IN A 192.0.2.10
`,
  ),
  'reject.test': zone(
    'reject.test',
    `
@ IN MX 10 mx1
mx1 IN A 192.0.2.10
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@reject.test"
`,
  ),
  'quarantine.test': zone(
    'quarantine.test',
    `
_dmarc IN TXT "v=DMARC1; p=quarantine; t=y; pct=50"
`,
  ),
  // Organisational-domain fallback under a multi-label public suffix (co.uk).
  'brand.co.uk': zone(
    'brand.co.uk',
    `
_dmarc IN TXT "v=DMARC1; p=reject; sp=none; np=quarantine; rua=mailto:d@brand.co.uk"
news IN A 192.0.2.20
txtonly IN TXT "exists only as TXT"
shop IN A 192.0.2.21
_dmarc.shop IN TXT "v=DMARC1; p=none"
`,
  ),
  'strict.co.uk': zone(
    'strict.co.uk',
    `
_dmarc IN TXT "v=DMARC1; p=quarantine"
news IN A 192.0.2.30
`,
  ),
  'servfail.test': 'this is not a zone file }\n',
};

/** fresh.test before and after the customer published: the resolver nsd keeps OLD, the authoritative nsd serves NEW. */
export const FRESH_OLD = zone('fresh.test', '@ IN A 192.0.2.40', { serial: 1 });
export const FRESH_NEW = zone(
  'fresh.test',
  `
@ IN A 192.0.2.40
${SELECTOR}._domainkey IN TXT "${dkimValue(KEY_1024)}"
pm-bounces IN CNAME pm.mtasv.net.
`,
  { serial: 2 },
);

/** split.test served by two name servers (127.0.0.1 and 127.0.0.2) that disagree: a lagging secondary. */
export const SPLIT_PRIMARY = zone('split.test', `pm-bounces IN CNAME pm.mtasv.net.`, { serial: 2, secondNs: true });
export const SPLIT_SECONDARY = zone('split.test', '', { serial: 1, secondNs: true });

export type FixtureSetup = 'main' | 'stale' | 'split' | 'silent';

export interface CauseCase {
  cause: Cause;
  kind: RecordKind;
  setup: FixtureSetup;
  input: CheckInput;
}

const opt1 = (domain: string, extra: Partial<CheckInput> = {}): CheckInput => ({
  domain,
  option: 1,
  dkimHost: `${SELECTOR}._domainkey.${domain}`,
  dkimValue: dkimValue(KEY_1024),
  ...extra,
});

/** One case per cause code: the setup to run it against, the input, and the row kind that shows it. */
export const CAUSE_CASES: CauseCase[] = [
  { cause: 'ok', kind: 'dkim', setup: 'main', input: opt1('good.test') },
  { cause: 'nxdomain', kind: 'dkim', setup: 'main', input: opt1('broken.test', { dkimHost: 'missing._domainkey' }) },
  { cause: 'nodata', kind: 'dkim', setup: 'main', input: opt1('broken.test', { dkimHost: 'addr._domainkey' }) },
  { cause: 'timeout', kind: 'dkim', setup: 'silent', input: opt1('good.test') },
  { cause: 'servfail', kind: 'dkim', setup: 'main', input: opt1('servfail.test') },
  { cause: 'refused', kind: 'dkim', setup: 'main', input: opt1('not-served.example') },
  { cause: 'doubled-suffix', kind: 'dkim', setup: 'main', input: opt1('broken.test') },
  { cause: 'proxied-cname', kind: 'return-path', setup: 'main', input: opt1('broken.test', { returnPath: 'proxied.broken.test' }) },
  { cause: 'cname-wrong-target', kind: 'return-path', setup: 'main', input: opt1('broken.test', { returnPath: 'nodot.broken.test' }) },
  { cause: 'dkim-mismatch', kind: 'dkim', setup: 'main', input: opt1('broken.test', { dkimHost: 'mismatch._domainkey' }) },
  { cause: 'dkim-truncated', kind: 'dkim', setup: 'main', input: opt1('broken.test', { dkimHost: 'truncated._domainkey', dkimValue: longValue }) },
  { cause: 'dkim-quoted', kind: 'dkim', setup: 'main', input: opt1('broken.test', { dkimHost: 'quoted._domainkey' }) },
  { cause: 'dkim-malformed', kind: 'dkim', setup: 'main', input: opt1('broken.test', { dkimHost: 'nop._domainkey' }) },
  { cause: 'spf-multiple', kind: 'spf', setup: 'main', input: { domain: 'spf-multi.test', option: 3 } },
  { cause: 'spf-too-many-lookups', kind: 'spf', setup: 'main', input: { domain: 'spf-many.test', option: 3 } },
  { cause: 'spf-void-lookups', kind: 'spf', setup: 'main', input: { domain: 'spf-void.test', option: 3 } },
  { cause: 'spf-invalid', kind: 'spf', setup: 'main', input: { domain: 'broken.test', option: 3 } },
  { cause: 'dmarc-missing', kind: 'dmarc', setup: 'main', input: { domain: 'nodmarc.test', option: 1 } },
  { cause: 'dmarc-multiple', kind: 'dmarc', setup: 'main', input: { domain: 'dmarc-multi.test', option: 1 } },
  { cause: 'dmarc-invalid', kind: 'dmarc', setup: 'main', input: { domain: 'dmarc-bad.test', option: 1 } },
  { cause: 'stale-cache', kind: 'return-path', setup: 'stale', input: opt1('fresh.test') },
  { cause: 'nameservers-disagree', kind: 'return-path', setup: 'split', input: { domain: 'split.test', option: 1 } },
  {
    cause: 'revoked-key-still-published',
    kind: 'dkim-revoked',
    setup: 'main',
    input: opt1('good.test', { revokedDkimHost: '20230101000000pm._domainkey', revokedDkimValue: dkimValue(REVOKED_KEY_1024), safeToRemoveRevoked: true }),
  },
  { cause: 'not-checked', kind: 'dkim', setup: 'main', input: { domain: 'good.test', option: 1 } },
];

/** drift.test before and after an unwelcome edit: DKIM deleted, CNAME repointed, SPF over 10, DMARC to reject. */
export const DRIFT_V1 = zone(
  'drift.test',
  `
@ IN MX 10 mx1
mx1 IN A 192.0.2.10
@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@drift.test"
${SELECTOR}._domainkey IN TXT "${dkimValue(KEY_1024)}"
pm-bounces IN CNAME pm.mtasv.net.
`,
  { serial: 1 },
);
export const DRIFT_V2 = zone(
  'drift.test',
  `
@ IN MX 10 mx1
mx1 IN A 192.0.2.10
@ IN TXT "v=spf1 include:spf-many.test -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@drift.test"
pm-bounces IN CNAME bounces.other-esp.example.
`,
  { serial: 2 },
);
export const driftInput = (option: 1 | 2): CheckInput => ({
  domain: 'drift.test',
  option,
  dkimHost: `${SELECTOR}._domainkey.drift.test`,
  dkimValue: dkimValue(KEY_1024),
});
