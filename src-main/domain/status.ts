import { BehalfError } from '../../src-preload/api/errors';
import { type SendingOption, type Tenant, type TenantStatus } from '../../src-preload/api/tenants';

/**
 * Tenant lifecycle:
 *   draft → provisioning → awaiting-dns (option 1) | awaiting-confirmation (option 2) | live (option 3) → live
 *   any working state ⇄ suspended; any state → archived; archived → draft only (unarchive).
 * 'provisioning' is re-entered to change option or repair Postmark objects.
 */
const TRANSITIONS: Readonly<Record<TenantStatus, readonly TenantStatus[]>> = {
  draft: ['provisioning', 'archived'],
  // Back to draft when provisioning is cancelled or failed before anything was created.
  provisioning: ['awaiting-dns', 'awaiting-confirmation', 'live', 'draft', 'suspended', 'archived'],
  'awaiting-dns': ['live', 'provisioning', 'suspended', 'archived'],
  'awaiting-confirmation': ['live', 'provisioning', 'suspended', 'archived'],
  live: ['provisioning', 'suspended', 'archived'],
  // Resuming returns to where the tenant was; the caller knows which (see resumeStatus).
  suspended: ['live', 'awaiting-dns', 'awaiting-confirmation', 'provisioning', 'draft', 'archived'],
  archived: ['draft'],
};

export function allowedTransitions(from: TenantStatus): readonly TenantStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TenantStatus, to: TenantStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: TenantStatus, to: TenantStatus): void {
  if (canTransition(from, to)) return;
  throw new BehalfError(
    'tenant.status.invalid-transition',
    `A tenant cannot go from "${from}" to "${to}".`,
    `From "${from}" it can go to: ${TRANSITIONS[from].join(', ')}.`,
  );
}

/** Where provisioning leaves a tenant for an option: waiting on the customer, or live. */
export function settledStatusFor(option: SendingOption): TenantStatus {
  return option === 1 ? 'awaiting-dns' : option === 2 ? 'awaiting-confirmation' : 'live';
}

/** The status after a wait ends: live once the domain verifies (1) or the signature is confirmed (2). */
export function statusAfterVerification(
  option: SendingOption,
  v: { dkimVerified?: boolean; returnPathVerified?: boolean; signatureConfirmed?: boolean },
): TenantStatus {
  if (option === 1) return v.dkimVerified && v.returnPathVerified ? 'live' : 'awaiting-dns';
  if (option === 2) return v.signatureConfirmed ? 'live' : 'awaiting-confirmation';
  return 'live';
}

export interface NextStepFacts {
  pendingOperations?: number;
  failedOperations?: number;
  /** Labels of records the latest DNS check did not find, e.g. ["DKIM TXT", "Return-Path CNAME"]. */
  missingRecords?: string[];
  dkimVerified?: boolean;
  returnPathVerified?: boolean;
  signatureConfirmed?: boolean;
  /** ISO time of the last DNS check; null = never checked. */
  lastCheckedAt?: string | null;
  dmarc?: { verdict: 'will-fail' | 'delivers-unaligned'; policy: 'none' | 'quarantine' | 'reject' | null } | null;
  suspendedReason?: string;
}

type NextStepTenant = Pick<Tenant, 'name' | 'domain' | 'fromAddress' | 'option' | 'status'>;

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One line for the Overview tab: the next thing a person should do for this tenant. */
export function nextStep(tenant: NextStepTenant, facts: NextStepFacts = {}): string {
  const failed = facts.failedOperations ?? 0;
  const pending = facts.pendingOperations ?? 0;
  const ops = (n: number) => `${n} Postmark operation${n === 1 ? '' : 's'}`;
  switch (tenant.status) {
    case 'archived':
      return 'Archived: unarchive it (back to draft) to work on it again.';
    case 'suspended':
      return facts.suspendedReason
        ? `Suspended (${facts.suspendedReason}): resolve that, then resume sending.`
        : 'Suspended: resolve the cause, then resume sending.';
    case 'draft':
      if (tenant.option === null) return 'Choose a sending option on the Options tab.';
      if (tenant.option === 2 && !tenant.fromAddress) return 'Add the From address, then provision the sender signature.';
      return `Provision in Postmark for option ${tenant.option}.`;
    case 'provisioning':
      if (failed > 0) return `${ops(failed)} failed: open the Outbox to see why and retry.`;
      if (pending > 0) return `Waiting for ${ops(pending)} to finish (queued in the Outbox).`;
      return 'Provisioning: waiting for Postmark to confirm the new objects.';
    case 'awaiting-dns':
      if (failed > 0) return `${ops(failed)} failed: open the Outbox to see why and retry.`;
      if (facts.dkimVerified && facts.returnPathVerified) return 'DKIM and Return-Path are verified: mark the tenant live.';
      if (facts.lastCheckedAt == null) return `Send the DNS sheet to ${tenant.name}, then run a DNS check for ${tenant.domain}.`;
      if (facts.missingRecords && facts.missingRecords.length > 0) {
        return `Ask ${tenant.name} to add the ${list(facts.missingRecords)} for ${tenant.domain} (send the DNS sheet).`;
      }
      return `The records are in DNS: verify DKIM and Return-Path in Postmark for ${tenant.domain}.`;
    case 'awaiting-confirmation':
      if (facts.signatureConfirmed) return 'The sender signature is confirmed: mark the tenant live.';
      return `Ask ${tenant.name} to click Postmark's confirmation link sent to ${tenant.fromAddress || 'the From address'} (resend it from the Postmark tab if lost).`;
    case 'live':
      if (tenant.option === 2 && facts.dmarc?.verdict === 'will-fail') {
        return `Move off option 2: ${tenant.domain} publishes p=${facts.dmarc.policy ?? 'quarantine/reject'}, so its mail ${facts.dmarc.policy === 'quarantine' ? 'goes to spam' : 'is rejected'}.`;
      }
      if (failed > 0) return `${ops(failed)} failed: open the Outbox to see why and retry.`;
      if (facts.missingRecords && facts.missingRecords.length > 0)
        return `DNS drift: ${list(facts.missingRecords)} no longer found for ${tenant.domain}; check the DNS tab.`;
      return `Nothing to do: live on option ${tenant.option ?? '?'}.`;
  }
}
