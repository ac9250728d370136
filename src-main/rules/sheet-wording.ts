import type { SenderRuleId, SenderRules } from '../../src-preload/api/rules';

/** A failing rule in the customer's words, for the instruction sheet (no Behalf tabs or commands in it). */
export interface CustomerRule {
  title: string;
  reason: string;
  fix: string;
}

type Wording = (r: SenderRules) => CustomerRule | null;

/**
 * The sheet speaks to the customer, so each failing rule gets customer wording here. Under option 1, SPF, DKIM and
 * alignment are the sheet's own records (its table shows their status), so they are not repeated.
 */
const WORDING: Record<SenderRuleId, Wording> = {
  spf: (r) =>
    r.option === 1 ? null : { title: 'SPF passes', reason: 'The bounce address of your mail is not set up yet.', fix: 'Ask us which record to add.' },
  dkim: (r) =>
    r.option === 1 ? null : { title: 'DKIM signature passes', reason: 'Your mail is not signed for your domain yet.', fix: 'Ask us which record to add.' },
  dmarc: (r) => ({
    title: 'A DMARC record is published',
    reason: `No DMARC record was found for ${r.domain}.`,
    fix: `Add a TXT record at _dmarc.${r.domain} with the value "v=DMARC1; p=none" (we can give you one that also sends you reports).`,
  }),
  alignment: (r) =>
    r.option === 1
      ? null
      : {
          title: 'Your From domain matches the signature',
          reason: `Your mail is From ${r.domain} but signed with our email provider's domain, so it cannot pass DMARC for ${r.domain}.`,
          fix: `Authenticate ${r.domain} (two DNS records we send you), or send From our domain with your name on it. Ask us.`,
        },
  ptr: () => null,
  complaints: () => ({
    title: 'Few recipients report your mail as spam',
    reason: 'Over the last 7 days more recipients pressed "Report spam" than the mailbox providers accept (0.3 %).',
    fix: 'Send only to people who asked for your mail, and make unsubscribing one click.',
  }),
  'one-click-unsubscribe': () => ({
    title: 'One-click unsubscribe on newsletters and offers',
    reason: 'Your marketing mail goes out without the one-click unsubscribe headers Gmail and Yahoo require.',
    fix: 'Send it through the broadcast stream we set up for you: it adds one-click unsubscribe by itself. Ask us.',
  }),
};

export function customerRules(r: SenderRules): CustomerRule[] {
  return r.items.filter((i) => i.status === 'fail').flatMap((i) => WORDING[i.id](r) ?? []);
}
