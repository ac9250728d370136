import { missingError } from './outbox-errors';
import type { HandlerContext } from './handler-types';
import type { DomainRef, SenderRef, ServerRef } from './payloads';

/**
 * Turns a by-name reference into a Postmark ID: the ledger link first (no API call), then Postmark's list.
 * Returns undefined when Postmark has no such object.
 */
export async function findServerId(ctx: HandlerContext, ref: ServerRef): Promise<number | undefined> {
  if (ref.serverId !== undefined) return ref.serverId;
  const name = ref.serverName ?? '';
  const linked = ctx.objects.findByName('server', name);
  if (linked) return linked.postmarkId;
  return (await findServerByName(ctx, name))?.ID;
}

export async function findDomainId(ctx: HandlerContext, ref: DomainRef): Promise<number | undefined> {
  if (ref.domainId !== undefined) return ref.domainId;
  const name = ref.domainName ?? '';
  const linked = ctx.objects.findByName('domain', name);
  if (linked) return linked.postmarkId;
  return (await ctx.gateway.listAllDomains()).find((d) => d.Name.toLowerCase() === name.toLowerCase())?.ID;
}

export async function findSenderId(ctx: HandlerContext, ref: SenderRef): Promise<number | undefined> {
  if (ref.senderId !== undefined) return ref.senderId;
  const email = ref.email ?? '';
  const linked = ctx.objects.findByName('sender', email);
  if (linked) return linked.postmarkId;
  return (await ctx.gateway.listAllSenders()).find((s) => s.EmailAddress.toLowerCase() === email.toLowerCase())?.ID;
}

export async function requireDomainId(ctx: HandlerContext, ref: DomainRef): Promise<number> {
  const id = await findDomainId(ctx, ref);
  if (id === undefined) throw missingError('domain', ref.domainName ?? String(ref.domainId));
  return id;
}

export async function requireSenderId(ctx: HandlerContext, ref: SenderRef): Promise<number> {
  const id = await findSenderId(ctx, ref);
  if (id === undefined) throw missingError('sender signature', ref.email ?? String(ref.senderId));
  return id;
}

/** Postmark's name filter is a substring match: keep only the exact (case-insensitive) name. */
export async function findServerByName(ctx: HandlerContext, name: string) {
  const candidates = await ctx.gateway.listAllServers({ name });
  return candidates.find((s) => s.Name.toLowerCase() === name.toLowerCase());
}
