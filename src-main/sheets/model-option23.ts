import { dmarcPolicyOf } from '../domain/dmarc-record/tags';
import type { Sheet } from './types';

/** Wording of option-2 (verified From address) and option-3 (vendor domain, customer's name) sheets: no DNS work. */

type Text = Pick<Sheet, 'intro' | 'steps' | 'verify' | 'doNot' | 'undo' | 'notes'>;

interface Ctx {
  vendor: string;
  tenantName: string;
  domain: string;
  /** The DMARC record the last check saw at _dmarc.<domain>, if any. */
  observedDmarc: string | undefined;
}

function dmarcCaveat(c: Ctx): string[] {
  const general =
    `Good to know: mail sent this way is signed by Postmark's domain, not by ${c.domain}, so it does not pass DMARC for ${c.domain}. ` +
    'If your domain publishes a DMARC policy of p=quarantine or p=reject, receivers will put this mail in spam or refuse it, ' +
    'and Gmail may show "via pm.mtasv.net" next to the sender. Option 1 (authenticating your domain with two DNS records) avoids both; ask us if that matters to you.';
  const policy = dmarcPolicyOf(c.observedDmarc);
  if (policy === 'reject' || policy === 'quarantine') {
    return [
      `Important: ${c.domain} currently publishes DMARC p=${policy}. Mail sent this way will be ${policy === 'reject' ? 'refused by most receivers' : 'put in spam by most receivers'}. ` +
        'Please ask us for option 1 instead; please do not loosen your DMARC policy just for this without your security team.',
      general,
    ];
  }
  return [general];
}

export function option2Text(c: Ctx): Text {
  return {
    intro: [
      `${c.vendor} will send email for ${c.tenantName} from your own address at ${c.domain}, through our email provider Postmark.`,
      'No DNS changes are needed for this. Postmark only has to make sure the address is really yours: it sends one confirmation email to that address, and someone who reads that mailbox clicks the link in it.',
    ],
    steps: [
      {
        text: 'Look for an email from Postmark asking you to confirm the sender address. It is sent to the address we will send from; check the spam folder if it is not there within ten minutes.',
        fields: [],
      },
      { text: 'Open it and click the confirmation link.', fields: [] },
      { text: `That's all: ${c.vendor} sees the confirmation and starts sending. If the email never arrives, tell us and we will send it again.`, fields: [] },
    ],
    verify: {
      intro: 'There is nothing to check in DNS.',
      checks: [],
      weConfirm: `${c.vendor} sees in Postmark when the address is confirmed and will tell you.`,
    },
    doNot: [
      "Don't add or change DNS records for this option: none are needed (no SPF include either).",
      "Don't ignore the confirmation email: until the link is clicked, nothing can be sent from your address.",
    ],
    undo: {
      intro: 'Nothing to remove from DNS.',
      items: ['To stop, tell us: we remove the confirmed address from Postmark.'],
    },
    notes: dmarcCaveat(c),
  };
}

export function option3Text(c: Ctx): Text {
  return {
    intro: [
      `${c.vendor} will send email for ${c.tenantName} from ${c.vendor}'s own address, with "${c.tenantName}" shown as the sender name.`,
      `No DNS changes are needed on ${c.domain}, and there is nothing to confirm.`,
    ],
    steps: [
      { text: `Nothing to do: ${c.vendor} has already set up its own domain for this.`, fields: [] },
      { text: `Optional: if you would rather have mail come from an address at ${c.domain}, ask us about option 1 (two DNS records).`, fields: [] },
    ],
    verify: {
      intro: 'There is nothing to check in DNS.',
      checks: [],
      weConfirm: `${c.vendor} watches delivery of this mail and will contact you if anything needs your attention.`,
    },
    doNot: [`Don't add DNS records or an SPF include to ${c.domain} for this: your domain is not used to send this mail.`],
    undo: { intro: 'Nothing to remove from DNS.', items: ['To stop, tell us.'] },
    notes: [
      `This mail passes DMARC on ${c.vendor}'s domain. Your own DMARC policy for ${c.domain} does not apply to it, because ${c.domain} does not appear in the sender address.`,
    ],
  };
}
