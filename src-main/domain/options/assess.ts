import { hasBlockingIssue, lintDisplayName } from '../display-name/lint';
import { derive, type Derived } from './facts';
import type { OptionAssessment, OptionsFacts, SendingOption } from './types';

/**
 * Judges each option for one tenant from the facts alone. Every sentence names the fact it rests on,
 * so the operator can check it ("acme.com publishes p=reject") rather than trust a verdict.
 */

function assessOption1(facts: OptionsFacts, d: Derived): Omit<OptionAssessment, 'option' | 'offered'> {
  const dom = d.mailDomain;
  if (d.publicMailbox)
    return {
      status: 'impossible',
      why: [`option 1 is not possible: ${dom} is a public mailbox domain, so nobody at ${facts.tenant.name} can add DNS records to it`],
      warnings: [],
    };
  if (facts.canEditDns === false)
    return {
      status: 'impossible',
      why: [`option 1 is not possible: ${facts.tenant.name} cannot edit the DNS of ${dom}`],
      warnings: [],
    };
  const warnings: string[] = [];
  if (facts.canEditDns == null) warnings.push(`Confirm that ${facts.tenant.name} can add two DNS records to ${dom} (a DKIM TXT and a Return-Path CNAME).`);
  if (d.fromOffDomain) warnings.push(`The From address ${d.fromAddress} is not on ${facts.tenant.domain}: option 1 must authenticate ${dom}.`);
  return {
    status: 'ok',
    why: [`option 1 passes DMARC for ${dom}: DKIM is signed as ${dom} and SPF aligns through its own Return-Path, and ${dom} keeps its own reputation`],
    warnings,
  };
}

function assessOption2(facts: OptionsFacts, d: Derived): Omit<OptionAssessment, 'option' | 'offered'> {
  const dom = d.mailDomain;
  const dmarc = facts.dmarc;
  if (d.publicMailbox)
    return {
      status: 'impossible',
      why: [`option 2 is not possible: Postmark refuses sender signatures on public mailbox domains like ${dom} (ErrorCode 503)`],
      warnings: [],
    };
  if (facts.receivesMail === false)
    return {
      status: 'impossible',
      why: [
        `option 2 is not possible yet: ${dom} publishes no MX, so Postmark's confirmation email to ${d.fromAddress} cannot arrive (add the MX records of the customer's mail provider, then check DNS again)`,
      ],
      warnings: [],
    };
  if (facts.canReceiveAtAddress === false)
    return {
      status: 'impossible',
      why: [`option 2 is not possible: nobody can receive mail at ${d.fromAddress} to click Postmark's confirmation link`],
      warnings: [],
    };
  if (dmarc?.verdict === 'will-fail') {
    const policy = dmarc.policy ? `publishes p=${dmarc.policy}` : 'has a DMARC policy that fails unaligned mail';
    const effect = dmarc.policy === 'quarantine' ? 'so receivers put the unaligned mail in spam' : 'so receivers reject the unaligned mail';
    return {
      status: 'unsafe',
      why: [`option 2 is unsafe: ${dom} ${policy}, ${effect}${dmarc.reason ? ` (${dmarc.reason})` : ''}`],
      warnings: [],
    };
  }
  const warnings = [`Gmail will show "via pm.mtasv.net" next to ${d.fromAddress}.`];
  if (facts.canReceiveAtAddress == null) warnings.push(`Confirm that someone reads ${d.fromAddress}: Postmark sends the confirmation link there.`);
  if (d.addressIsExample)
    return {
      status: 'risky',
      why: [`option 2 needs a From address and none is set for ${facts.tenant.name}`],
      warnings,
    };
  if (!dmarc)
    return {
      status: 'risky',
      why: [`option 2 may be unsafe: the DMARC policy of ${dom} has not been checked (p=quarantine or p=reject would send the mail to spam or reject it)`],
      warnings,
    };
  warnings.push(`If ${dom} later moves to p=quarantine or p=reject, option 2 mail will go to spam or be rejected; plan option 1.`);
  const why =
    dmarc.policy === 'none'
      ? `option 2 works for now: ${dom} publishes p=none, so unaligned mail is delivered (DMARC fails without consequence)`
      : `option 2 works for now: ${dom} publishes no DMARC record, so unaligned mail is delivered`;
  return { status: 'ok', why: [why], warnings };
}

function assessOption3(facts: OptionsFacts, d: Derived): Omit<OptionAssessment, 'option' | 'offered'> {
  const vendorDomain = facts.vendor.sendingDomain.trim();
  if (!vendorDomain)
    return {
      status: 'risky',
      why: ["option 3 needs the vendor's sending domain, and none is set in Settings"],
      warnings: [],
    };
  const issues = lintDisplayName(d.option3.displayName, {
    vendorName: facts.vendor.name,
    vendorDomain,
    otherTenantNames: [],
    tenantName: facts.tenant.name,
    tenantDomain: facts.tenant.domain,
  });
  if (hasBlockingIssue(issues))
    return {
      status: 'risky',
      why: [
        `option 3 needs a clean display name, and "${d.option3.displayName}" has problems: ${issues
          .filter((i) => i.severity === 'block')
          .map((i) => i.message)
          .join(' ')}`,
      ],
      warnings: [],
    };
  return {
    status: 'ok',
    why: [
      `option 3 passes DMARC on ${vendorDomain} and needs nothing from ${facts.tenant.name}; the customer's brand appears only in the name "${d.option3.displayName}"`,
    ],
    warnings: d.option3.replyTo ? [] : ['Set a Reply-To so answers reach the customer rather than the vendor.'],
  };
}

const ASSESSORS = { 1: assessOption1, 2: assessOption2, 3: assessOption3 } as const;

export function assessOption(option: SendingOption, facts: OptionsFacts, d: Derived = derive(facts)): OptionAssessment {
  return { option, offered: d.offered(option), ...ASSESSORS[option](facts, d) };
}

export function assessAll(facts: OptionsFacts, d: Derived = derive(facts)): OptionAssessment[] {
  return ([1, 2, 3] as const).map((o) => assessOption(o, facts, d));
}
