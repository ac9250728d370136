import type { Db } from '../../ledger/open';
import type { PostmarkGateway } from '../gateway';
import { ObjectStore, stripSecrets } from '../outbox/object-store';
import type { ObjectKind, ServerTokenVault } from '../outbox/types';
import { withoutTokens } from '../types';
import { serverNameFor } from './server-name';

export interface ReconciledObject {
  kind: ObjectKind;
  postmarkId: number;
  name: string;
  tenantId: string | null;
  tenantName: string | null;
}

export interface ReconcileReport {
  matched: ReconciledObject[];
  unmatched: ReconciledObject[];
  /** Ledger rows inserted or updated. */
  written: number;
  /** Tenants whose links changed (their status may follow). */
  touchedTenants: string[];
}

interface TenantRow { id: string; name: string; domain: string; from_address: string }

export interface ReconcileDeps {
  db: Db;
  gateway: PostmarkGateway;
  vault: ServerTokenVault;
  serverNamePattern: string;
  now?: () => Date;
  signal?: AbortSignal;
  progress?: (done: number, total: number, message?: string) => void;
}

/**
 * Imports the account's servers, domains and sender signatures (every page) into postmark_objects, matching
 * unlinked ones to tenants by domain, From address or server name. A row is written only when its tenant,
 * name or details differ from what the ledger holds, so a rerun with nothing changed in Postmark writes nothing.
 */
export async function reconcileAccount(deps: ReconcileDeps): Promise<ReconcileReport> {
  const objects = new ObjectStore(deps.db);
  const tenants = deps.db.prepare(`SELECT id, name, domain, from_address FROM tenants WHERE status != 'archived'`).all() as TenantRow[];
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const byDomain = new Map(tenants.map((t) => [t.domain.toLowerCase(), t]));
  const byAddress = new Map(tenants.filter((t) => t.from_address).map((t) => [t.from_address.toLowerCase(), t]));
  const byServer = new Map<string, TenantRow>();
  for (const t of tenants) {
    byServer.set(serverNameFor(deps.serverNamePattern, t).toLowerCase(), t);
    byServer.set(t.name.toLowerCase(), t);
  }
  const report: ReconcileReport = { matched: [], unmatched: [], written: 0, touchedTenants: [] };
  const touched = new Set<string>();
  const step = (message: string, done: number) => {
    if (deps.signal?.aborted) throw new Error('Reconcile was cancelled.');
    deps.progress?.(done, 4, message);
  };

  step('Reading servers', 0);
  const servers = await deps.gateway.listAllServers();
  step('Reading domains', 1);
  const domains = await deps.gateway.listAllDomains();
  step('Reading sender signatures', 2);
  const senders = await deps.gateway.listAllSenders();
  step('Matching to tenants', 3);

  const consider = async (kind: ObjectKind, id: number, name: string, candidate: TenantRow | undefined, details: () => Promise<object>) => {
    const linked = objects.get(kind, id);
    const tenant = linked ? byId.get(linked.tenantId) ?? { id: linked.tenantId, name: linked.tenantId, domain: '', from_address: '' } : candidate;
    if (!tenant) {
      report.unmatched.push({ kind, postmarkId: id, name, tenantId: null, tenantName: null });
      return;
    }
    report.matched.push({ kind, postmarkId: id, name, tenantId: tenant.id, tenantName: tenant.name });
    const fresh = stripSecrets(await details());
    const same = linked && linked.tenantId === tenant.id && linked.name === name && JSON.stringify(linked.details) === JSON.stringify(fresh);
    if (same) return;
    objects.upsert({ tenantId: tenant.id, kind, postmarkId: id, name, details: fresh }, (deps.now ?? (() => new Date()))().toISOString());
    report.written += 1;
    touched.add(tenant.id);
  };

  for (const server of servers) {
    const token = server.ApiTokens?.[0];
    if (token && !deps.vault.getServerToken(server.ID)) deps.vault.setServerToken(server.ID, token);
    await consider('server', server.ID, server.Name, byServer.get(server.Name.toLowerCase()), async () => withoutTokens(server));
  }
  for (const domain of domains) {
    await consider('domain', domain.ID, domain.Name, byDomain.get(domain.Name.toLowerCase()), () => deps.gateway.getDomain(domain.ID));
  }
  for (const sender of senders) {
    await consider('sender', sender.ID, sender.EmailAddress, byAddress.get(sender.EmailAddress.toLowerCase()), () => deps.gateway.getSender(sender.ID));
  }
  deps.progress?.(4, 4, 'Done');
  report.touchedTenants = [...touched];
  return report;
}
