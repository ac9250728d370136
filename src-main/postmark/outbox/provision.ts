import type { JobView } from './types';
import type { EnqueueInput } from './outbox';
import type { JobKind } from './payloads';

/** What `behalf provision` needs to set a tenant up for one of the three sending options. */
export interface ProvisionPlanInput {
  tenantId: string;
  option: 1 | 2 | 3;
  /** Postmark server name for the tenant (unique in the account). */
  serverName: string;
  /** Option 1: the customer's domain; the Return-Path defaults to pm-bounces.<domain>. */
  domain?: string;
  returnPathDomain?: string;
  /** Option 2: the address to confirm, its display name and the note shown in Postmark's confirmation mail. */
  fromEmail?: string;
  fromName?: string;
  personalNote?: string;
  /** Change to provision again after a teardown (keys of a finished plan would otherwise return the old jobs). */
  generation?: number;
}

type AnyEnqueue = { [K in JobKind]: EnqueueInput<K> }[JobKind];

/**
 * The jobs for one tenant's setup, with stable idempotency keys so running `behalf provision` twice queues
 * nothing new. Verification is not part of the plan: it only makes sense after the customer published DNS
 * (see verificationJobs).
 */
export function provisioningJobs(input: ProvisionPlanInput): AnyEnqueue[] {
  const key = (kind: string, name: string) => `provision:${input.tenantId}:${input.generation ?? 0}:${kind}:${name.toLowerCase()}`;
  const tenantId = input.tenantId;
  const plan: AnyEnqueue[] = [{ kind: 'create-server', tenantId, payload: { name: input.serverName }, idempotencyKey: key('create-server', input.serverName) }];
  if (input.option === 1) {
    if (!input.domain) throw new Error('Option 1 needs the customer domain');
    const domain = input.domain.toLowerCase();
    const returnPathDomain = input.returnPathDomain ?? `pm-bounces.${domain}`;
    plan.push({ kind: 'create-domain', tenantId, payload: { name: domain, returnPathDomain }, idempotencyKey: key('create-domain', domain) });
  }
  if (input.option === 2) {
    if (!input.fromEmail || !input.fromName) throw new Error('Option 2 needs the From address and name');
    plan.push({
      kind: 'create-sender',
      tenantId,
      payload: { fromEmail: input.fromEmail, name: input.fromName, ...(input.personalNote ? { personalNote: input.personalNote } : {}) },
      idempotencyKey: key('create-sender', input.fromEmail),
    });
  }
  return plan;
}

/** DKIM + Return-Path checks for a domain, keyed by the time asked so each "Check now" is its own job. */
export function verificationJobs(tenantId: string, domainName: string, askedAt: Date): AnyEnqueue[] {
  const stamp = askedAt.toISOString();
  return [
    { kind: 'verify-dkim', tenantId, payload: { domainName }, idempotencyKey: `verify-dkim:${tenantId}:${domainName}:${stamp}` },
    { kind: 'verify-return-path', tenantId, payload: { domainName }, idempotencyKey: `verify-return-path:${tenantId}:${domainName}:${stamp}` },
  ];
}

/** Enqueues a plan; the outbox's enqueue is generic per kind, so go through a narrow signature. */
export function enqueueAll(outbox: { enqueue<K extends JobKind>(input: EnqueueInput<K>): JobView<K> }, plan: AnyEnqueue[]): JobView[] {
  return plan.map((item) => outbox.enqueue(item as EnqueueInput<JobKind>));
}
