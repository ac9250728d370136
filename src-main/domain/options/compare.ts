import { ASSESSMENT_VERDICT, option2Verdict, type Verdict } from '../../../src-preload/api/verdicts';
import { assessOption } from './assess';
import { brandingFor } from './branding';
import { derive, POSTMARK_DOMAIN, type Derived } from './facts';
import {
  OPTION_TITLES,
  type Deliverability,
  type Effort,
  type OptionComparison,
  type OptionsFacts,
  type Prerequisite,
  type OptionAssessment,
  type PrerequisiteState,
  type SendingOption,
} from './types';

const tri = (v: boolean | null | undefined): PrerequisiteState => (v == null ? 'unknown' : v ? 'met' : 'unmet');

function effortFor(option: SendingOption, facts: OptionsFacts, d: Derived): Effort {
  const dom = d.mailDomain;
  const vendorDomain = facts.vendor.sendingDomain || 'the vendor domain';
  switch (option) {
    case 1:
      return {
        customerLevel: 'medium',
        customer: [
          `Add a DKIM TXT record at <selector>._domainkey.${dom} (Postmark issues the exact host and value).`,
          `Add a CNAME pm-bounces.${dom} → ${POSTMARK_DOMAIN} (DNS only, not proxied).`,
        ],
        vendor: [`Create the domain ${dom} in Postmark.`, 'Send the DNS instruction sheet.', 'Verify DKIM and Return-Path once the records are published.'],
      };
    case 2:
      return {
        customerLevel: 'low',
        customer: [`Click the confirmation link Postmark emails to ${d.fromAddress}.`],
        vendor: [`Create a sender signature for ${d.fromAddress}.`, 'Resend the confirmation if it is lost.'],
      };
    case 3: {
      const vendor = [`Authenticate ${vendorDomain} in Postmark once (shared by every option 3 customer).`, 'Choose a display name that passes the checks.'];
      if (facts.vendor.addressPattern === 'per-customer-subdomain') {
        vendor.push(`Make sure Postmark accepts From addresses on ${d.option3.address.split('@')[1]} (add it as its own domain if it does not).`);
      }
      return { customerLevel: 'none', customer: ['Nothing; optionally approve the display name.'], vendor };
    }
  }
}

function deliverabilityFor(option: SendingOption, facts: OptionsFacts, d: Derived): Deliverability {
  const dom = d.mailDomain;
  if (option === 1)
    return {
      reputation: 'own',
      reputationDomain: dom,
      reputationText: `Builds ${dom}'s own sending reputation; other customers cannot harm it.`,
      dmarcDomain: dom,
      dmarc: d.publicMailbox ? 'unknown' : 'pass',
      disposition: d.publicMailbox ? 'unknown' : 'inbox',
      dmarcDetail: d.publicMailbox
        ? `Not possible: ${dom} belongs to a mailbox provider.`
        : `Passes once the records verify: DKIM d=${dom} aligns, and SPF aligns through pm-bounces.${dom}.`,
    };
  if (option === 3) {
    const dmarcDomain = d.option3.address.split('@')[1] ?? facts.vendor.sendingDomain;
    return {
      reputation: 'shared',
      reputationDomain: facts.vendor.sendingDomain,
      reputationText: `Shares ${facts.vendor.sendingDomain || 'the vendor domain'}'s reputation with every option 3 customer.`,
      dmarcDomain,
      dmarc: facts.vendor.sendingDomain ? 'pass' : 'unknown',
      disposition: facts.vendor.sendingDomain ? 'inbox' : 'unknown',
      dmarcDetail: facts.vendor.sendingDomain
        ? `Passes on ${dmarcDomain} (the From domain); ${dom}'s DMARC policy does not apply.`
        : `Cannot be judged yet: no vendor sending domain is set (Settings → Vendor); ${dom}'s DMARC policy would not apply.`,
    };
  }
  const base = {
    reputation: 'shared' as const,
    reputationDomain: POSTMARK_DOMAIN,
    dmarcDomain: dom,
    reputationText: `Signed by ${POSTMARK_DOMAIN}: shares Postmark's reputation, ${dom} builds none of its own.`,
  };
  const dmarc = facts.dmarc;
  if (!dmarc) return { ...base, dmarc: 'unknown', disposition: 'unknown', dmarcDetail: `Not checked yet: check DNS for ${dom} (the button above).` };
  if (dmarc.verdict === 'will-fail')
    return {
      ...base,
      dmarc: 'will-be-rejected',
      disposition: dmarc.policy === 'quarantine' ? 'spam' : dmarc.policy === 'reject' ? 'rejected' : 'unknown',
      dmarcDetail: `Fails DMARC (not aligned) and ${dom}${dmarc.policy ? ` publishes p=${dmarc.policy}` : "'s policy applies"}${dmarc.reason ? `: ${dmarc.reason}` : ''}.`,
    };
  return {
    ...base,
    dmarc: 'fails-unaligned',
    disposition: 'inbox',
    dmarcDetail: `Fails DMARC (not aligned), but ${dom} ${dmarc.policy === 'none' ? 'publishes p=none' : 'has no DMARC record'}, so it is delivered.`,
  };
}

function prerequisitesFor(option: SendingOption, facts: OptionsFacts, d: Derived): Prerequisite[] {
  const dom = d.mailDomain;
  const notPublic: Prerequisite = {
    id: 'not-public-mailbox',
    label: `${dom} is the customer's own domain`,
    state: d.publicMailbox ? 'unmet' : 'met',
    detail: d.publicMailbox ? `${dom} is a public mailbox domain.` : `${dom} is not a known mailbox provider.`,
  };
  switch (option) {
    case 1:
      return [
        notPublic,
        {
          id: 'can-edit-dns',
          label: `The customer can edit DNS for ${dom}`,
          state: tri(facts.canEditDns),
          detail: facts.canEditDns == null ? 'Not asked yet.' : facts.canEditDns ? 'Confirmed.' : 'The customer cannot change these records.',
        },
      ];
    case 2:
      return [
        notPublic,
        {
          id: 'from-address',
          label: 'A From address is set',
          state: d.addressIsExample ? 'unmet' : 'met',
          detail: d.addressIsExample ? 'Add the address the customer sends from.' : d.fromAddress,
        },
        {
          id: 'can-receive',
          label: `Someone can open mail at ${d.fromAddress}`,
          state: facts.receivesMail === false ? 'unmet' : tri(facts.canReceiveAtAddress),
          detail:
            facts.receivesMail === false
              ? `${dom} publishes no MX: Postmark's confirmation link cannot arrive.`
              : 'Postmark sends the confirmation link there.',
        },
        {
          id: 'dmarc-not-enforcing',
          label: `${dom} does not enforce DMARC`,
          state: facts.dmarc ? (facts.dmarc.verdict === 'will-fail' ? 'unmet' : 'met') : 'unknown',
          detail: facts.dmarc ? facts.dmarc.reason || `policy: ${facts.dmarc.policy ?? 'no record'}` : 'Not checked yet (Check DNS now, above).',
        },
      ];
    case 3:
      return [
        {
          id: 'vendor-domain',
          label: 'The vendor sending domain is set',
          state: facts.vendor.sendingDomain.trim() ? 'met' : 'unmet',
          detail: facts.vendor.sendingDomain.trim() || 'Set it in Settings.',
        },
      ];
  }
}

/**
 * The card's one answer, worded by verdicts.ts: for option 2 the same answer the DNS tab and the CLI give
 * ("works for now: DMARC fails, delivered"), unless something the DNS check cannot see makes it impossible.
 */
function verdictOf(option: SendingOption, facts: OptionsFacts, assessment: OptionAssessment): { assessment: OptionAssessment; verdict: Verdict } {
  if (option !== 2) return { assessment, verdict: ASSESSMENT_VERDICT[assessment.status] };
  const dns = option2Verdict({ dmarc: facts.dmarc?.verdict ?? 'unknown', policy: facts.dmarc?.policy ?? null, receivesMail: facts.receivesMail ?? null });
  // What the DNS check knows (no MX, an enforcing policy) is said in its words; what only the advisor knows
  // (public mailbox, no From address, nobody reads it) in the advisor's.
  if (dns.tone === 'failing') return { assessment, verdict: dns };
  if (assessment.status === 'impossible' || (assessment.status === 'risky' && facts.dmarc))
    return { assessment, verdict: ASSESSMENT_VERDICT[assessment.status] };
  return { assessment, verdict: dns };
}

/** The side-by-side comparison for the Options tab, always in the order 1, 2, 3. */
export function compareOptions(facts: OptionsFacts): OptionComparison[] {
  const d = derive(facts);
  return ([1, 2, 3] as const).map((option) => ({
    option,
    title: OPTION_TITLES[option],
    offered: d.offered(option),
    current: facts.tenant.option === option,
    effort: effortFor(option, facts, d),
    branding: brandingFor(option, facts, d),
    deliverability: deliverabilityFor(option, facts, d),
    prerequisites: prerequisitesFor(option, facts, d),
    ...verdictOf(option, facts, assessOption(option, facts, d)),
  }));
}
