import type { Tenant, TenantStatus } from '../../../src-preload/api/tenants';
import { canTransition, statusAfterVerification } from '../../domain/status';
import type { JobView, PostmarkObjectLink } from '../outbox/types';

export interface StatusFacts {
  tenant: Pick<Tenant, 'status' | 'option'>;
  links: PostmarkObjectLink[];
  jobs: Pick<JobView, 'state'>[];
}

/**
 * Where a tenant's status should go given what Postmark holds for it (pure; undefined = leave it).
 * Only forward moves happen on their own: provisioning settles into awaiting-dns / awaiting-confirmation / live
 * (or back to draft when nothing was made), a wait ends in live, and a draft linked by reconcile catches up.
 * Suspended, archived and live tenants are never moved by Postmark events.
 */
export function followStatus(f: StatusFacts): TenantStatus | undefined {
  const { status, option } = f.tenant;
  if (option === null) return undefined;
  const busy = f.jobs.some((j) => j.state === 'queued' || j.state === 'running');
  const stuck = f.jobs.some((j) => j.state === 'needs-attention' || j.state === 'failed');
  const has = (kind: PostmarkObjectLink['kind']) => f.links.find((l) => l.kind === kind);
  const server = has('server');
  const main = option === 1 ? has('domain') : option === 2 ? has('sender') : server;
  const target =
    main && server
      ? statusAfterVerification(option, {
          dkimVerified: main.details.DKIMVerified === true,
          returnPathVerified: main.details.ReturnPathDomainVerified === true,
          signatureConfirmed: main.details.Confirmed === true,
        })
      : undefined;

  if (status === 'provisioning') {
    if (busy) return undefined;
    if (target) return target;
    return f.links.length === 0 && !stuck ? 'draft' : undefined;
  }
  if (status === 'awaiting-dns' || status === 'awaiting-confirmation') return target === 'live' ? 'live' : undefined;
  if (status === 'draft' && target && !busy) return target;
  return undefined;
}

/** The steps from one status to another, through provisioning when there is no direct edge (draft → live). */
export function pathTo(from: TenantStatus, to: TenantStatus): TenantStatus[] {
  if (from === to) return [];
  if (canTransition(from, to)) return [to];
  if (canTransition(from, 'provisioning') && canTransition('provisioning', to)) return ['provisioning', to];
  return [];
}
