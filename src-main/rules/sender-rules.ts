import type { BulkMail, SenderRuleItem, SenderRuleStatus } from '../../src-preload/api/rules';
import { SOURCES } from './sources';

/**
 * The mailbox providers' rules for bulk senders, judged from facts Behalf already has (issue #18 part 4). Pure: the
 * Overview tab, the instruction sheet and `behalf rules` all call evaluateSenderRules, so they never disagree.
 *
 * What Behalf knows per option (docs/sender-rules.md):
 * - option 1: DKIM on the customer's domain and a Return-Path CNAME to Postmark: SPF and DKIM both pass *and* align.
 * - option 2: From on the customer's domain, but DKIM (d=) and Return-Path are Postmark's: both pass, neither aligns.
 * - option 3: From on the vendor's domain, which is set up like option 1 once for every option-3 customer.
 */

export interface DnsFacts {
  checkedAt: string;
  /** The latest check's record results (kind 'dkim', 'return-path', 'dmarc', 'spf', …). */
  records: { kind: string; status: string }[];
  /** The DMARC record that applies to the From domain; null when none does. */
  dmarc: { record: string | null; p: string | null } | null;
}

export interface ComplaintFacts {
  hasServer: boolean;
  fetched: boolean;
  /** Mails sent over the last 7 days and the spam complaint rate over them (percent; null when nothing was sent). */
  sent7: number;
  rate: number | null;
  limit: number;
  aim: number;
  minVolume: number;
}

export interface SenderFacts {
  option: 1 | 2 | 3 | null;
  domain: string;
  /** The vendor's own domain (Settings), where option-3 mail is From; '' when not set. */
  vendorDomain: string;
  dns: DnsFacts | null;
  complaints: ComplaintFacts;
  bulkMail: BulkMail | null;
}

type Verdict = Pick<SenderRuleItem, 'status' | 'reason' | 'fix'>;
const v = (status: SenderRuleStatus, reason: string, fix = ''): Verdict => ({ status, reason, fix });

const NO_OPTION = v(
  'not-checked',
  'No sending option is chosen yet, so it is not known whose domain the mail is From.',
  'Choose option 1, 2 or 3 (Options tab).',
);
const NO_CHECK = (what: string) =>
  v('not-checked', `No DNS check of this tenant yet, so ${what} is not known.`, 'Run a DNS check (DNS tab, or `behalf check --tenant X`).');
const vendorSide = (facts: SenderFacts, what: string) =>
  v(
    'not-checked',
    `Option 3 mail is From the vendor's domain${facts.vendorDomain ? ` ${facts.vendorDomain}` : ''}: its ${what} is the vendor's, set up once for every option-3 customer, and not checked per tenant.`,
    facts.vendorDomain
      ? `Check ${facts.vendorDomain} once: \`behalf check --domain ${facts.vendorDomain} --option 1\`.`
      : 'Set the vendor domain in Settings, then check it once with `behalf check --domain`.',
  );

const recordOk = (dns: DnsFacts, kind: string) => dns.records.find((r) => r.kind === kind);
const pct = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 3 })} %`;

/** SPF must pass for the envelope sender (Return-Path): Gmail, Yahoo and Outlook all require it of bulk senders. */
export function spfRule(f: SenderFacts): Verdict {
  if (f.option === null) return NO_OPTION;
  if (f.option === 3) return vendorSide(f, 'SPF (on its Return-Path)');
  if (f.option === 2) {
    return v(
      'pass',
      "SPF is checked on the Return-Path domain, which is Postmark's own under option 2 (Postmark publishes its SPF); it passes but is not the customer's domain (see alignment).",
    );
  }
  if (!f.dns) return NO_CHECK('the Return-Path record');
  const rp = recordOk(f.dns, 'return-path');
  if (!rp) return NO_CHECK('the Return-Path record');
  if (rp.status === 'ok')
    return v(
      'pass',
      `The Return-Path CNAME on ${f.domain} points at Postmark, so SPF passes on the customer's own domain (DNS check ${f.dns.checkedAt.slice(0, 10)}).`,
    );
  return v(
    'fail',
    `The Return-Path CNAME on ${f.domain} is ${rp.status} in the latest DNS check: bounces and SPF fall back to Postmark's domain, which does not align.`,
    'Publish the Return-Path CNAME from the instruction sheet (DNS tab shows the exact record), then recheck DNS and verify in Postmark.',
  );
}

/** DKIM must pass: Gmail, Yahoo and Outlook require it of bulk senders. */
export function dkimRule(f: SenderFacts): Verdict {
  if (f.option === null) return NO_OPTION;
  if (f.option === 3) return vendorSide(f, 'DKIM key');
  if (f.option === 2)
    return v(
      'pass',
      "Postmark signs option-2 mail with its own DKIM key (d= Postmark's domain): DKIM passes, but not for the customer's domain (see alignment).",
    );
  if (!f.dns) return NO_CHECK('the DKIM record');
  const dkim = recordOk(f.dns, 'dkim');
  if (!dkim) return NO_CHECK('the DKIM record');
  if (dkim.status === 'ok') return v('pass', `The DKIM key Postmark signs with is published on ${f.domain} (DNS check ${f.dns.checkedAt.slice(0, 10)}).`);
  return v(
    'fail',
    `The DKIM record on ${f.domain} is ${dkim.status} in the latest DNS check: receivers cannot verify the signature.`,
    'Publish the DKIM TXT record from the instruction sheet exactly as given (one piece, no extra quotes), then recheck DNS.',
  );
}

/** A DMARC record, p=none at least, on the From domain: Gmail and Yahoo (bulk senders) and Outlook (over 5,000 a day). */
export function dmarcRule(f: SenderFacts): Verdict {
  if (f.option === null) return NO_OPTION;
  if (f.option === 3) return vendorSide(f, 'DMARC record');
  if (!f.dns) return NO_CHECK('the DMARC record');
  const d = f.dns.dmarc;
  if (d?.record && d.p) return v('pass', `DMARC is published for ${f.domain} with p=${d.p} (DNS check ${f.dns.checkedAt.slice(0, 10)}).`);
  return v(
    'fail',
    `No DMARC record applies to ${f.domain} in the latest DNS check${d?.record ? ' (the record found has no valid p= tag)' : ''}.`,
    `Publish a TXT record at _dmarc.${f.domain}: "v=DMARC1; p=none; rua=mailto:…" (DMARC tab builds one with a report address), then recheck DNS.`,
  );
}

/** The From domain aligns with the DKIM or SPF domain, so DMARC passes: Gmail, Yahoo, Outlook. */
export function alignmentRule(f: SenderFacts): Verdict {
  if (f.option === null) return NO_OPTION;
  if (f.option === 3)
    return v(
      'pass',
      `Mail is From the vendor's domain${f.vendorDomain ? ` ${f.vendorDomain}` : ''}, signed and bounced on that same domain: aligned by design.`,
    );
  if (f.option === 2) {
    return v(
      'fail',
      `Mail is From ${f.domain}, but the DKIM signature and the Return-Path are Postmark's: neither aligns with the From domain, so DMARC cannot pass.`,
      `Move to option 1 (publish DKIM and Return-Path on ${f.domain}; Options tab) so the signature is the customer's own, or to option 3 (From on the vendor's domain).`,
    );
  }
  if (!f.dns) return NO_CHECK('whether DKIM is in place for alignment');
  const dkim = recordOk(f.dns, 'dkim');
  if (dkim?.status === 'ok')
    return v('pass', `Option 1: Postmark signs with d=${f.domain} and bounces to a Return-Path under it, both aligned with the From domain.`);
  return v(
    'fail',
    `Option 1 aligns through the DKIM key on ${f.domain}, which the latest DNS check did not find as expected.`,
    'Publish the DKIM record (see the DKIM rule above), then recheck DNS.',
  );
}

/**
 * Valid forward and reverse DNS (PTR) of the sending IPs: Gmail (all senders). The IPs are Postmark's shared ones;
 * Behalf neither knows which IP sent a tenant's mail nor found a Postmark statement about their rDNS, so: not checked.
 */
export function ptrRule(): Verdict {
  return v('not-checked', "Mail leaves from Postmark's sending IPs, whose reverse DNS is Postmark's to keep; Behalf cannot check it per tenant.", '');
}

/** Spam complaints under 0.3 % (aim under 0.1 %): Gmail and Yahoo. Outlook sets no number. */
export function complaintsRule(f: SenderFacts): Verdict {
  const c = f.complaints;
  if (!c.hasServer) return v('n/a', 'No Postmark server is linked yet, so nothing has been sent.');
  if (!c.fetched)
    return v('not-checked', 'Sending statistics have not been fetched from Postmark yet.', 'Refresh health (Health tab, or `behalf health --refresh`).');
  if (c.rate === null || c.sent7 < c.minVolume) return v('n/a', `Only ${c.sent7} mails sent over 7 days: under ${c.minVolume}, a rate is too noisy to judge.`);
  if (c.rate >= c.limit) {
    return v(
      'fail',
      `Spam complaints at ${pct(c.rate)} over 7 days, at or over the ${pct(c.limit)} limit.`,
      'Find the mail that draws complaints (a new list, a campaign, imported addresses); send only to people who asked; keep one-click unsubscribe on marketing mail.',
    );
  }
  if (c.rate >= c.aim)
    return v(
      'pass',
      `Spam complaints at ${pct(c.rate)} over 7 days: under the ${pct(c.limit)} limit, but over the ${pct(c.aim)} to aim for.`,
      'Look at which mail draws complaints before it reaches the limit.',
    );
  return v('pass', `Spam complaints at ${pct(c.rate)} over 7 days, under the ${pct(c.aim)} to aim for.`);
}

/**
 * One-click unsubscribe (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058) on marketing mail: Gmail and Yahoo.
 * Behalf knows it from the tenant fact "bulk mail": Postmark adds both headers to every Broadcast-stream message
 * while it manages unsubscribes (its default; a stream switched to "manage unsubscribes on your own" by Postmark
 * support no longer gets them, which Behalf does not read). The transactional stream gets no such headers.
 */
export function unsubscribeRule(f: SenderFacts): Verdict {
  switch (f.bulkMail) {
    case null:
      return v(
        'not-checked',
        'Nobody has recorded whether this customer sends marketing or other bulk mail.',
        'Record it under "Bulk or marketing mail" on this tab.',
      );
    case 'none':
      return v('n/a', 'This customer sends no marketing or bulk mail (recorded); transactional mail needs no one-click unsubscribe.');
    case 'broadcast':
      return v(
        'pass',
        "Marketing goes through Postmark's Broadcast stream, where Postmark adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) to every message while it manages unsubscribes (its default).",
        '',
      );
    case 'transactional':
      return v(
        'fail',
        'Marketing goes through the transactional stream, where Postmark adds no List-Unsubscribe headers: Gmail and Yahoo require one-click unsubscribe on it.',
        "Create a Broadcast message stream on the customer's server and send marketing with MessageStream set to it; Postmark then adds the one-click headers and handles unsubscribes.",
      );
  }
}

const RULES: { id: SenderRuleItem['id']; title: string; judge: (f: SenderFacts) => Verdict; sources: SenderRuleItem['sources'] }[] = [
  { id: 'spf', title: 'SPF passes', judge: spfRule, sources: [SOURCES.gmail, SOURCES.yahoo, SOURCES.outlook] },
  { id: 'dkim', title: 'DKIM signature passes', judge: dkimRule, sources: [SOURCES.gmail, SOURCES.yahoo, SOURCES.outlook] },
  { id: 'dmarc', title: 'DMARC published (p=none at least)', judge: dmarcRule, sources: [SOURCES.gmail, SOURCES.yahoo, SOURCES.outlook] },
  { id: 'alignment', title: 'From domain aligned with DKIM or SPF', judge: alignmentRule, sources: [SOURCES.gmail, SOURCES.yahoo, SOURCES.outlook] },
  { id: 'ptr', title: 'Sending IPs have forward and reverse DNS', judge: ptrRule, sources: [SOURCES.gmail] },
  { id: 'complaints', title: 'Spam complaints under the limit', judge: complaintsRule, sources: [SOURCES.gmail, SOURCES.yahoo] },
  {
    id: 'one-click-unsubscribe',
    title: 'One-click unsubscribe on marketing mail',
    judge: unsubscribeRule,
    sources: [SOURCES.gmail, SOURCES.yahoo, SOURCES.postmarkUnsubscribe, SOURCES.rfc8058],
  },
];

export function evaluateSenderRules(facts: SenderFacts): SenderRuleItem[] {
  return RULES.map((r) => ({ id: r.id, title: r.title, ...r.judge(facts), sources: [...r.sources] }));
}
