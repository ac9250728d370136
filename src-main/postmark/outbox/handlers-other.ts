import { isGoneInPostmark } from '../error-map';
import { isPostmarkGatewayError } from '../errors';
import { recordDetails, type HandlerOutcome, type JobHandler } from './handler-types';
import { dnsToPublish } from './handlers-create';
import { findDomainId, findSenderId, findServerId, requireDomainId, requireSenderId } from './resolve';
import type { ObjectKind } from './types';

/**
 * Verify, rotate, resend and delete. Each is written so that running it a second time (after a lost answer or
 * a crash) ends in the same place: a delete of something already gone succeeds, a rotation that is already
 * pending counts as done, a resend to a confirmed signature has nothing left to do.
 */

const isCode = (err: unknown, code: string, postmarkCode?: number) =>
  isPostmarkGatewayError(err) && err.code === code && (postmarkCode === undefined || err.postmarkCode === postmarkCode);

/**
 * Only Postmark's own 422 "not found" means done: a proxy's 404 leaves the job (and the object) in place. The
 * official client's live tests tolerate a 404 when deleting something a parallel run may have deleted
 * (test/integration/Domains.test.ts cleanup), so a 404 on DELETE is checked with a read: gone only if Postmark
 * itself then says so.
 */
async function deleteOrGone(
  kind: ObjectKind,
  id: number | undefined,
  remove: (id: number) => Promise<unknown>,
  read: (id: number) => Promise<unknown>,
): Promise<HandlerOutcome> {
  if (id === undefined) return { result: { alreadyGone: true }, changes: [] };
  try {
    await remove(id);
  } catch (err) {
    if (!isGoneInPostmark(err) && !(isCode(err, 'postmark.endpoint') && (err as { httpStatus: number }).httpStatus === 404 && (await goneOnRead(read, id))))
      throw err;
    return { result: { id, alreadyGone: true }, changes: [{ op: 'remove', kind, postmarkId: id }] };
  }
  return { result: { id, alreadyGone: false }, changes: [{ op: 'remove', kind, postmarkId: id }] };
}

async function goneOnRead(read: (id: number) => Promise<unknown>, id: number): Promise<boolean> {
  try {
    await read(id);
    return false;
  } catch (err) {
    return isGoneInPostmark(err);
  }
}

export const deleteServer: JobHandler<'delete-server'> = async (ctx, job) => {
  const id = await findServerId(ctx, job.payload);
  const outcome = await deleteOrGone(
    'server',
    id,
    (x) => ctx.gateway.deleteServer(x),
    (x) => ctx.gateway.getServer(x),
  );
  if (id !== undefined) ctx.vault.forgetServerToken?.(id);
  return outcome;
};

export const deleteDomain: JobHandler<'delete-domain'> = async (ctx, job) =>
  deleteOrGone(
    'domain',
    await findDomainId(ctx, job.payload),
    (x) => ctx.gateway.deleteDomain(x),
    (x) => ctx.gateway.getDomain(x),
  );

export const deleteSender: JobHandler<'delete-sender'> = async (ctx, job) =>
  deleteOrGone(
    'sender',
    await findSenderId(ctx, job.payload),
    (x) => ctx.gateway.deleteSender(x),
    (x) => ctx.gateway.getSender(x),
  );

export const verifyDkim: JobHandler<'verify-dkim'> = async (ctx, job) => {
  const d = await ctx.gateway.verifyDkim(await requireDomainId(ctx, job.payload));
  return { result: { domainId: d.ID, name: d.Name, ...dnsToPublish(d) }, changes: [recordDetails(job, 'domain', d.ID, d.Name, d)] };
};

export const verifyReturnPath: JobHandler<'verify-return-path'> = async (ctx, job) => {
  const d = await ctx.gateway.verifyReturnPath(await requireDomainId(ctx, job.payload));
  return { result: { domainId: d.ID, name: d.Name, ...dnsToPublish(d) }, changes: [recordDetails(job, 'domain', d.ID, d.Name, d)] };
};

export const rotateDkim: JobHandler<'rotate-dkim'> = async (ctx, job) => {
  const id = await requireDomainId(ctx, job.payload);
  let alreadyPending = false;
  try {
    await ctx.gateway.rotateDkim(id);
  } catch (err) {
    // 505: a rotation is already pending, which is the state this job wants (possibly our own lost attempt).
    if (!isCode(err, 'postmark.invalid', 505)) throw err;
    alreadyPending = true;
  }
  // The rotate answer is only the DKIM subset: read the whole domain for the ledger.
  const d = await ctx.gateway.getDomain(id);
  return { result: { domainId: d.ID, name: d.Name, alreadyPending, ...dnsToPublish(d) }, changes: [recordDetails(job, 'domain', d.ID, d.Name, d)] };
};

export const resendConfirmation: JobHandler<'resend-confirmation'> = async (ctx, job) => {
  const id = await requireSenderId(ctx, job.payload);
  try {
    await ctx.gateway.resendConfirmation(id);
  } catch (err) {
    if (!isCode(err, 'postmark.invalid', 506)) throw err;
    return { result: { senderId: id, alreadyConfirmed: true }, changes: [] };
  }
  return { result: { senderId: id, alreadyConfirmed: false }, changes: [] };
};
