import { BehalfError } from '../../../src-preload/api/errors';
import type { Db } from '../../ledger/open';
import { isGoneInPostmark } from '../error-map';
import type { PostmarkGateway } from '../gateway';
import { withoutTokens } from '../types';
import { ObjectStore } from './object-store';
import type { PostmarkObjectLink, ServerTokenVault } from './types';

type MissingLink = Pick<PostmarkObjectLink, 'tenantId' | 'kind' | 'postmarkId' | 'name'>;

export interface SyncReport {
  refreshed: number;
  /** Linked in the ledger but gone from Postmark (deleted outside Behalf): the links were removed. */
  missing: MissingLink[];
}

/**
 * More than this many objects gone in one refresh is more likely a wrong account token or endpoint than
 * someone deleting them one by one in Postmark: the person is asked before the ledger forgets them.
 */
export const FORGET_WITHOUT_ASKING = 1;

/**
 * `behalf sync`, the read half: re-reads every linked object (or one tenant's) from Postmark, refreshes the
 * stored details (DKIM/Return-Path/confirmation state changed outside Behalf), drops links to objects that no
 * longer exist, and puts missing server tokens back in the vault. Writes nothing to Postmark, so it is not a job.
 *
 * Only Postmark's own "not found" (422 + ErrorCode) counts as gone. Anything else (a 404 from a proxy, offline,
 * unauthorized) is thrown as PostmarkGatewayError before anything is forgotten, so the ledger stays as it was.
 */
export async function syncPostmarkObjects(
  deps: { db: Db; gateway: PostmarkGateway; vault: ServerTokenVault; now?: () => Date },
  tenantId?: string,
  opts: { forgetMissing?: boolean } = {},
): Promise<SyncReport> {
  const objects = new ObjectStore(deps.db);
  const links = tenantId === undefined ? objects.all() : objects.forTenant(tenantId);
  const report: SyncReport = { refreshed: 0, missing: [] };
  const gone: PostmarkObjectLink[] = [];
  for (const link of links) {
    const at = (deps.now ?? (() => new Date()))().toISOString();
    try {
      const details = await read(deps, link);
      objects.updateDetails(link.kind, link.postmarkId, details, at);
      report.refreshed += 1;
    } catch (err) {
      if (!isGoneInPostmark(err)) throw err;
      gone.push(link);
    }
  }
  if (gone.length > FORGET_WITHOUT_ASKING && !opts.forgetMissing) throw manyMissing(gone);
  for (const link of gone) {
    objects.remove(link.kind, link.postmarkId);
    if (link.kind === 'server') deps.vault.forgetServerToken?.(link.postmarkId);
    report.missing.push({ tenantId: link.tenantId, kind: link.kind, postmarkId: link.postmarkId, name: link.name });
  }
  return report;
}

function manyMissing(gone: PostmarkObjectLink[]): BehalfError {
  const list = gone.map((l) => `${l.kind} ${l.name} (${l.postmarkId})`).join(', ');
  return new BehalfError(
    'postmark.confirm-forget',
    `Postmark says ${gone.length} linked objects no longer exist: ${list}. Nothing was forgotten yet.`,
    'If they were deleted in Postmark on purpose, confirm to forget them ("Forget them" in the console). If not, check that the account token in Settings belongs to the right Postmark account.',
  );
}

async function read(deps: { gateway: PostmarkGateway; vault: ServerTokenVault }, link: PostmarkObjectLink): Promise<object> {
  if (link.kind === 'domain') return deps.gateway.getDomain(link.postmarkId);
  if (link.kind === 'sender') return deps.gateway.getSender(link.postmarkId);
  const server = await deps.gateway.getServer(link.postmarkId);
  const token = server.ApiTokens?.[0];
  if (token && !deps.vault.getServerToken(server.ID)) deps.vault.setServerToken(server.ID, token);
  return withoutTokens(server);
}
