import type { SwitchPostmarkState } from '../domain/switch-plan';
import type { Db } from '../ledger/open';
import { dkimKeyThatCounts, otherTenantsOnDomain, pickTenantDomain, tenantPostmarkLinks } from '../postmark/links';
/** A non-blank string as given, else undefined. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export interface PostmarkLinks {
  state: SwitchPostmarkState;
  /** Other tenants linked to the same Postmark domain (then it must stay when this tenant leaves it). */
  sharedDomainUsers: number;
}

/**
 * What Behalf knows exists in Postmark for the tenant, asked of postmark/links: the first server and sender
 * linked, the tenant's domain and the DKIM key that counts by the one rule there.
 */
export function postmarkLinks(db: Db, tenant: { id: string; domain: string }): PostmarkLinks {
  const links = tenantPostmarkLinks(db, tenant.id);
  const state: SwitchPostmarkState = {};
  const server = links.find((l) => l.kind === 'server');
  if (server) state.serverId = server.postmarkId;
  let sharedDomainUsers = 0;
  const domain = pickTenantDomain(links, tenant.domain);
  if (domain) {
    state.domainId = domain.postmarkId;
    state.domainName = domain.name;
    const dkimHost = dkimKeyThatCounts(domain.details)?.host;
    const returnPath = str(domain.details.ReturnPathDomain);
    if (dkimHost) state.dkimHost = dkimHost;
    if (returnPath) state.returnPathHost = returnPath;
    sharedDomainUsers = otherTenantsOnDomain(db, domain.name, tenant.id);
  }
  const sender = links.find((l) => l.kind === 'sender');
  if (sender) {
    state.senderId = sender.postmarkId;
    state.senderEmail = str(sender.details.EmailAddress) ?? sender.name;
  }
  return { state, sharedDomainUsers };
}
