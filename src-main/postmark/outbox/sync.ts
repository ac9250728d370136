import type { Db } from '../../ledger/open';
import { isPostmarkGatewayError } from '../errors';
import type { PostmarkGateway } from '../gateway';
import { withoutTokens } from '../types';
import { ObjectStore } from './object-store';
import type { PostmarkObjectLink, ServerTokenVault } from './types';

export interface SyncReport {
  refreshed: number;
  /** Linked in the ledger but gone from Postmark (deleted outside Behalf): the links were removed. */
  missing: Pick<PostmarkObjectLink, 'tenantId' | 'kind' | 'postmarkId' | 'name'>[];
}

/**
 * `behalf sync`, the read half: re-reads every linked object (or one tenant's) from Postmark, refreshes the
 * stored details (DKIM/Return-Path/confirmation state changed outside Behalf), drops links to objects that no
 * longer exist, and puts missing server tokens back in the vault. Writes nothing to Postmark, so it is not a job.
 * Other failures (offline, unauthorized) are thrown as PostmarkGatewayError and leave the ledger as it was.
 */
export async function syncPostmarkObjects(deps: { db: Db; gateway: PostmarkGateway; vault: ServerTokenVault; now?: () => Date }, tenantId?: string): Promise<SyncReport> {
  const objects = new ObjectStore(deps.db);
  const links = tenantId === undefined ? objects.all() : objects.forTenant(tenantId);
  const report: SyncReport = { refreshed: 0, missing: [] };
  for (const link of links) {
    const at = (deps.now ?? (() => new Date()))().toISOString();
    try {
      const details = await read(deps, link);
      objects.updateDetails(link.kind, link.postmarkId, details, at);
      report.refreshed += 1;
    } catch (err) {
      if (!isPostmarkGatewayError(err) || err.code !== 'postmark.not-found') throw err;
      objects.remove(link.kind, link.postmarkId);
      if (link.kind === 'server') deps.vault.forgetServerToken?.(link.postmarkId);
      report.missing.push({ tenantId: link.tenantId, kind: link.kind, postmarkId: link.postmarkId, name: link.name });
    }
  }
  return report;
}

async function read(deps: { gateway: PostmarkGateway; vault: ServerTokenVault }, link: PostmarkObjectLink): Promise<object> {
  if (link.kind === 'domain') return deps.gateway.getDomain(link.postmarkId);
  if (link.kind === 'sender') return deps.gateway.getSender(link.postmarkId);
  const server = await deps.gateway.getServer(link.postmarkId);
  const token = server.ApiTokens?.[0];
  if (token && !deps.vault.getServerToken(server.ID)) deps.vault.setServerToken(server.ID, token);
  return withoutTokens(server);
}
