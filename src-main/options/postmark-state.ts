import type { SwitchPostmarkState } from '../domain/switch-plan';
import type { Db } from '../ledger/open';
import { parseJsonObject, str, tableExists } from './ledger-read';

export interface PostmarkLinks {
  state: SwitchPostmarkState;
  /** Other tenants linked to the same Postmark domain (then it must stay when this tenant leaves it). */
  sharedDomainUsers: number;
}

interface ObjectRow {
  kind: string;
  postmark_id: number;
  name: string;
  details_json: string;
}

/** What Behalf knows exists in Postmark for the tenant (postmark_objects), read defensively. */
export function postmarkLinks(db: Db, tenantId: string): PostmarkLinks {
  if (!tableExists(db, 'postmark_objects')) return { state: {}, sharedDomainUsers: 0 };
  const rows = db
    .prepare(`SELECT kind, postmark_id, name, details_json FROM postmark_objects WHERE tenant_id = ? ORDER BY id`)
    .all(tenantId) as ObjectRow[];
  const state: SwitchPostmarkState = {};
  let sharedDomainUsers = 0;
  for (const r of rows) {
    const d = parseJsonObject(r.details_json) ?? {};
    if (r.kind === 'server' && state.serverId === undefined) state.serverId = r.postmark_id;
    if (r.kind === 'domain' && state.domainId === undefined) {
      state.domainId = r.postmark_id;
      state.domainName = r.name;
      const dkimHost = str(d.DKIMPendingHost) ?? str(d.DKIMHost);
      const returnPath = str(d.ReturnPathDomain);
      if (dkimHost) state.dkimHost = dkimHost;
      if (returnPath) state.returnPathHost = returnPath;
      const others = db
        .prepare(`SELECT COUNT(DISTINCT tenant_id) AS n FROM postmark_objects WHERE kind = 'domain' AND name_lc = ? AND tenant_id <> ?`)
        .get(r.name.toLowerCase(), tenantId) as { n: number };
      sharedDomainUsers = others.n;
    }
    if (r.kind === 'sender' && state.senderId === undefined) {
      state.senderId = r.postmark_id;
      state.senderEmail = str(d.EmailAddress) ?? r.name;
    }
  }
  return { state, sharedDomainUsers };
}
