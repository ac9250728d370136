import { dkimKeyThatCounts } from '../links';
import { isPostmarkGatewayError } from '../errors';
import { withoutTokens, type PostmarkDomainDetails, type PostmarkServer, type PostmarkSignatureDetails } from '../types';
import type { HandlerContext, HandlerOutcome, JobHandler } from './handler-types';
import { conflictError } from './outbox-errors';
import { findServerByName } from './resolve';
import type { JobView, ObjectKind } from './types';

/**
 * Creates that can never make a second object. Postmark has no idempotency keys, but it refuses duplicate
 * server names (603), domains (512) and sender emails (504), so:
 * - a retried or restarted job (attempts > 1) first looks for the object its earlier attempt may have made;
 * - an "already exists" answer (e.g. the gateway retried a create whose first answer was lost) is resolved by
 *   looking the object up and adopting it.
 * An object already linked to another tenant is never adopted (outbox.conflict → needs attention).
 */
async function createOrAdopt<T>(job: JobView, find: () => Promise<T | undefined>, create: () => Promise<T>): Promise<{ object: T; adopted: boolean }> {
  if (job.attempts > 1) {
    const earlier = await find();
    if (earlier) return { object: earlier, adopted: true };
  }
  try {
    return { object: await create(), adopted: false };
  } catch (err) {
    if (!isPostmarkGatewayError(err) || err.code !== 'postmark.already-exists') throw err;
    const existing = await find();
    if (!existing) throw err;
    return { object: existing, adopted: true };
  }
}

function assertFree(ctx: HandlerContext, job: JobView, kind: ObjectKind, id: number, name: string): void {
  const linked = ctx.objects.get(kind, id);
  if (linked && linked.tenantId !== job.tenantId) throw conflictError(kind, name, linked.tenantId);
}

function link(job: JobView, kind: ObjectKind, postmarkId: number, name: string, details: object): HandlerOutcome['changes'] {
  return job.tenantId ? [{ op: 'upsert', tenantId: job.tenantId, kind, postmarkId, name, details }] : [];
}

export const createServer: JobHandler<'create-server'> = async (ctx, job) => {
  const p = job.payload;
  const { object, adopted } = await createOrAdopt<PostmarkServer>(
    job,
    () => findServerByName(ctx, p.name),
    () =>
      ctx.gateway.createServer({
        Name: p.name,
        ...(p.color ? { Color: p.color } : {}),
        ...(p.deliveryType ? { DeliveryType: p.deliveryType } : {}),
        ...(p.trackOpens !== undefined ? { TrackOpens: p.trackOpens } : {}),
        ...(p.trackLinks ? { TrackLinks: p.trackLinks } : {}),
      } as Parameters<typeof ctx.gateway.createServer>[0]),
  );
  assertFree(ctx, job, 'server', object.ID, object.Name);
  // The token goes straight to the vault; the ledger keeps only the server's non-secret details.
  const token = object.ApiTokens?.[0] ?? (await ctx.gateway.getServer(object.ID)).ApiTokens?.[0];
  if (token) ctx.vault.setServerToken(object.ID, token);
  return {
    result: { serverId: object.ID, name: object.Name, adopted },
    changes: link(job, 'server', object.ID, object.Name, withoutTokens(object)),
  };
};

export const createDomain: JobHandler<'create-domain'> = async (ctx, job) => {
  const p = job.payload;
  const find = async () => {
    const match = (await ctx.gateway.listAllDomains()).find((d) => d.Name.toLowerCase() === p.name.toLowerCase());
    return match ? ctx.gateway.getDomain(match.ID) : undefined;
  };
  const made = await createOrAdopt<PostmarkDomainDetails>(job, find, () =>
    ctx.gateway.createDomain({ Name: p.name, ...(p.returnPathDomain ? { ReturnPathDomain: p.returnPathDomain } : {}) }),
  );
  const adopted = made.adopted;
  let object = made.object;
  assertFree(ctx, job, 'domain', object.ID, object.Name);
  // An adopted domain may carry another Return-Path: bring it to what this job asked for.
  if (p.returnPathDomain && object.ReturnPathDomain.toLowerCase() !== p.returnPathDomain.toLowerCase()) {
    object = await ctx.gateway.editDomain(object.ID, { ReturnPathDomain: p.returnPathDomain });
  }
  return { result: { domainId: object.ID, name: object.Name, adopted, ...dnsToPublish(object) }, changes: link(job, 'domain', object.ID, object.Name, object) };
};

export const createSender: JobHandler<'create-sender'> = async (ctx, job) => {
  const p = job.payload;
  const find = async () => {
    const match = (await ctx.gateway.listAllSenders()).find((s) => s.EmailAddress.toLowerCase() === p.fromEmail.toLowerCase());
    return match ? ctx.gateway.getSender(match.ID) : undefined;
  };
  const { object, adopted } = await createOrAdopt<PostmarkSignatureDetails>(job, find, () =>
    ctx.gateway.createSender({
      FromEmail: p.fromEmail,
      Name: p.name,
      ...(p.replyTo ? { ReplyToEmail: p.replyTo } : {}),
      ...(p.returnPathDomain ? { ReturnPathDomain: p.returnPathDomain } : {}),
      ...(p.personalNote ? { ConfirmationPersonalNote: p.personalNote } : {}),
    }),
  );
  assertFree(ctx, job, 'sender', object.ID, object.EmailAddress);
  return {
    result: { senderId: object.ID, email: object.EmailAddress, confirmed: object.Confirmed, adopted },
    changes: link(job, 'sender', object.ID, object.EmailAddress, object),
  };
};

/** The records the customer must publish, for instruction sheets (the DKIM key that counts; host and value of the same key). */
export function dnsToPublish(d: PostmarkDomainDetails): Record<string, unknown> {
  const dkim = dkimKeyThatCounts(d as unknown as Record<string, unknown>);
  return {
    dkimVerified: d.DKIMVerified,
    dkimHost: dkim?.host,
    dkimValue: dkim?.value,
    dkimUpdateStatus: d.DKIMUpdateStatus,
    returnPathDomain: d.ReturnPathDomain,
    returnPathCname: d.ReturnPathDomainCNAMEValue,
    returnPathVerified: d.ReturnPathDomainVerified,
  };
}
