import type { SendingOption, TenantStatus } from '../../src-preload/api/tenants';
import { settledStatusFor } from './status';

/**
 * Change of mind: what to remove, keep and create in Postmark, and what the customer may delete or must add
 * in DNS, when a tenant moves from one sending option to another. Pure: the plan is executed elsewhere.
 *
 * Order matters more than anything: the old way of sending is removed only after the new one works
 * (`when`), so the customer's mail never stops in between.
 */

export type PostmarkObjectKind = 'domain' | 'sender' | 'server';
export type PostmarkId = number | string;

export interface SwitchPostmarkState {
  serverId?: PostmarkId;
  domainId?: PostmarkId;
  domainName?: string;
  senderId?: PostmarkId;
  senderEmail?: string;
  dkimHost?: string;
  returnPathHost?: string;
}

export interface SwitchInput {
  from: SendingOption | null;
  to: SendingOption;
  postmark: SwitchPostmarkState;
  /** Other tenants sending through the same Postmark domain: then it must stay. */
  sharedDomainUsers?: number;
  /** Used to label objects that do not exist yet. */
  tenant?: { name?: string; domain?: string; fromAddress?: string };
  /** Returned unchanged when from === to. */
  currentStatus?: TenantStatus;
}

/** When a removal is safe: right away, or once the replacement works. */
export type RemoveWhen = 'now' | 'after-domain-verified' | 'after-signature-confirmed' | 'after-from-switched';

export interface PlanRemove {
  kind: PostmarkObjectKind;
  id: PostmarkId | null;
  label: string;
  why: string;
  when: RemoveWhen;
}
export interface PlanKeep {
  kind: PostmarkObjectKind | 'dns-record';
  label: string;
  why: string;
}
export interface PlanCreate {
  kind: PostmarkObjectKind;
  label: string;
  why: string;
}
export interface DnsDelete {
  type: 'TXT' | 'CNAME';
  host: string;
  why: string;
}
/** `value` null: Postmark issues it when the object is created (the DKIM key); `host` may hold <selector>. */
export interface DnsAdd {
  type: 'TXT' | 'CNAME';
  host: string;
  value: string | null;
  why: string;
}

export interface SwitchPlan {
  from: SendingOption | null;
  to: SendingOption;
  remove: PlanRemove[];
  keep: PlanKeep[];
  create: PlanCreate[];
  dnsRecordsCustomerMayDelete: DnsDelete[];
  dnsRecordsCustomerMustAdd: DnsAdd[];
  warnings: string[];
  /** Where the tenant lands once the Postmark changes are made (it is 'provisioning' while they run). */
  newStatus: TenantStatus;
}

const domainOf = (address: string | undefined): string => (address?.includes('@') ? address.split('@').pop()!.toLowerCase() : '');

export function planSwitch(input: SwitchInput): SwitchPlan {
  const { from, to, postmark: pm } = input;
  const domain = pm.domainName || input.tenant?.domain || domainOf(pm.senderEmail) || domainOf(input.tenant?.fromAddress) || '<customer domain>';
  const address = input.tenant?.fromAddress || pm.senderEmail || '';
  const plan: SwitchPlan = {
    from,
    to,
    remove: [],
    keep: [],
    create: [],
    dnsRecordsCustomerMayDelete: [],
    dnsRecordsCustomerMustAdd: [],
    warnings: [],
    newStatus: settledStatusFor(to),
  };
  const dkimHost = pm.dkimHost || `<selector>._domainkey.${domain}`;
  const returnPathHost = pm.returnPathHost || `pm-bounces.${domain}`;

  if (pm.serverId !== undefined) {
    plan.keep.push({
      kind: 'server',
      label: `Postmark server ${pm.serverId}`,
      why: 'Every option sends through it; it holds the message streams, history and the server token.',
    });
  } else {
    plan.create.push({ kind: 'server', label: `Server for ${input.tenant?.name || domain}`, why: 'Each tenant sends through its own server.' });
  }

  if (from === to) {
    plan.warnings.push(`Already on option ${to}: the option needs no change.`);
    plan.newStatus = input.currentStatus ?? plan.newStatus;
    keepCurrent(plan, from, pm, domain);
    return plan;
  }

  if (from === 1) leaveDomain(plan, input, domain, dkimHost, returnPathHost);
  if (from === 2) leaveSender(plan, input, address);
  if (from === 3) plan.keep.push({ kind: 'domain', label: 'The vendor sending domain', why: "Shared by every option 3 tenant; not this tenant's to remove." });

  if (to === 1) enterDomain(plan, input, domain, dkimHost, returnPathHost);
  if (to === 2) enterSender(plan, input, address, domain);
  if (from === 3) {
    plan.warnings.push(
      `Keep sending From the vendor address until ${to === 1 ? `${domain} verifies in Postmark` : 'the sender signature is confirmed'}; then switch the tenant's From address.`,
    );
  }
  if (to === 3 && from !== null) {
    plan.warnings.push(
      `Switch the tenant's From address to the vendor address (Options tab) first: once the old ${from === 1 ? 'domain' : 'signature'} is removed, Postmark refuses mail From ${from === 1 ? `@${domain}` : address || 'the old address'} (ErrorCode 400).`,
    );
  }
  return plan;
}

function keepCurrent(plan: SwitchPlan, option: SendingOption | null, pm: SwitchPostmarkState, domain: string): void {
  if (option === 1) plan.keep.push({ kind: 'domain', label: `Postmark domain ${domain}`, why: 'The tenant stays on option 1.' });
  if (option === 2) plan.keep.push({ kind: 'sender', label: `Sender signature ${pm.senderEmail ?? ''}`.trim(), why: 'The tenant stays on option 2.' });
}

function leaveDomain(plan: SwitchPlan, input: SwitchInput, domain: string, dkimHost: string, returnPathHost: string): void {
  const others = input.sharedDomainUsers ?? 0;
  plan.keep.push({ kind: 'dns-record', label: `TXT _dmarc.${domain}`, why: `The DMARC record protects ${domain} whichever option is used; never delete it.` });
  if (others > 0) {
    plan.keep.push({
      kind: 'domain',
      label: `Postmark domain ${domain}`,
      why: `${others} other tenant${others === 1 ? '' : 's'} send${others === 1 ? 's' : ''} from this domain; its DNS records must stay too.`,
    });
    return;
  }
  const when: RemoveWhen = input.to === 2 ? 'after-signature-confirmed' : 'after-from-switched';
  plan.remove.push({
    kind: 'domain',
    id: input.postmark.domainId ?? null,
    label: `Postmark domain ${domain}`,
    when,
    why:
      when === 'after-signature-confirmed'
        ? `Remove it only after the new sender signature is confirmed, so mail keeps flowing; then a verified domain nobody uses is just a way to send as ${domain}.`
        : `Remove it once the tenant sends From the vendor address; a verified domain nobody uses is just a way to send as ${domain}.`,
  });
  if (input.postmark.domainId === undefined)
    plan.warnings.push(`No Postmark domain id is recorded for ${domain}: find it on the Postmark tab (reconcile) before removing it.`);
  plan.dnsRecordsCustomerMayDelete.push(
    {
      type: 'TXT',
      host: dkimHost,
      why: 'Nothing signs with this DKIM key once the domain is removed in Postmark; wait a few days so receivers can still verify mail already sent.',
    },
    {
      type: 'CNAME',
      host: returnPathHost,
      why: 'Only Postmark uses this Return-Path; wait a few days after the domain is removed so late bounces of mail already sent still arrive.',
    },
  );
}

function leaveSender(plan: SwitchPlan, input: SwitchInput, address: string): void {
  const label = `Sender signature ${input.postmark.senderEmail || address}`.trim();
  const when: RemoveWhen = input.to === 1 ? 'after-domain-verified' : 'after-from-switched';
  plan.remove.push({
    kind: 'sender',
    id: input.postmark.senderId ?? null,
    label,
    when,
    why:
      when === 'after-domain-verified'
        ? 'Remove it only after the new domain verifies (DKIM and Return-Path): until then the signature is what lets the mail go out.'
        : 'Remove it once the tenant sends From the vendor address; a confirmed signature lets any server on the account send as that address.',
  });
  if (input.postmark.senderId === undefined)
    plan.warnings.push('No Postmark sender signature id is recorded: find it on the Postmark tab (reconcile) before removing it.');
}

function enterDomain(plan: SwitchPlan, input: SwitchInput, domain: string, dkimHost: string, returnPathHost: string): void {
  if (input.postmark.domainId !== undefined && input.from !== 1) {
    plan.keep.push({ kind: 'domain', label: `Postmark domain ${domain}`, why: 'It already exists in Postmark: reuse it rather than create a second one.' });
  } else {
    plan.create.push({ kind: 'domain', label: `Postmark domain ${domain}`, why: `Gives ${domain} its own DKIM key and Return-Path, so DMARC passes aligned.` });
  }
  plan.dnsRecordsCustomerMustAdd.push(
    {
      type: 'TXT',
      host: dkimHost,
      value: null,
      why: 'The DKIM key: Postmark issues the selector and value when the domain is created; copy both from the Postmark tab or the sheet.',
    },
    { type: 'CNAME', host: returnPathHost, value: 'pm.mtasv.net', why: 'Aligns SPF and receives bounces; set it to DNS only (not proxied).' },
  );
}

function enterSender(plan: SwitchPlan, input: SwitchInput, address: string, domain: string): void {
  if (input.postmark.senderId !== undefined && input.from !== 2) {
    plan.keep.push({
      kind: 'sender',
      label: `Sender signature ${input.postmark.senderEmail || address}`,
      why: 'It already exists in Postmark: reuse it (resend the confirmation if it is not confirmed).',
    });
  } else {
    plan.create.push({
      kind: 'sender',
      label: `Sender signature ${address || '<From address>'}`,
      why: 'Postmark emails a confirmation link to the address; the customer must click it.',
    });
  }
  if (!address) plan.warnings.push("Set the tenant's From address before switching to option 2.");
  plan.warnings.push(
    `Option 2 is not DMARC-aligned: if ${domain} publishes p=quarantine or p=reject, its mail goes to spam or is rejected. Check the DMARC verdict on the Options tab first.`,
  );
}
