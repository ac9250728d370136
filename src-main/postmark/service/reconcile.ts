import type { Db } from '../../ledger/open';
import type { PostmarkGateway } from '../gateway';
import { ObjectStore, stripSecrets } from '../outbox/object-store';
import type { ObjectKind, PostmarkObjectLink, ServerTokenVault } from '../outbox/types';
import { withoutTokens } from '../types';
import { mapLimit } from './map-limit';
import { serverNameFor } from './server-name';
import { writeInSlices } from '../../ledger/write-transaction';
import { activeTenantMatchKeys } from '../../ledger/tenants-repo';

/** Upserts per write transaction: ~200 × ~50 µs keeps each well under the 50 ms a waiting writer should see. */
const RECONCILE_SLICE_ROWS = 200;

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

interface TenantRow {
  id: string;
  name: string;
  domain: string;
  from_address: string;
}

/** A matched object waiting for its details. */
interface Pending {
  kind: ObjectKind;
  id: number;
  name: string;
  tenantId: string;
}

/**
 * Detail GETs in flight at once. 8 keeps a 2,000-domain account to a fraction of a second of waiting
 * (P4 bench) and stays well inside Postmark's API rate limits; the gateway still retries 429s per call.
 */
const DETAIL_CONCURRENCY = 8;

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
  const tenants: TenantRow[] = activeTenantMatchKeys(deps.db);
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

  const now = deps.now ?? (() => new Date());
  // Everything the ledger links, read once: one statement instead of a prepared SELECT per object.
  const known = new Map(objects.all().map((o) => [`${o.kind}:${o.postmarkId}`, o]));
  const upsert = objects.upserter();
  const sameLink = (a: PostmarkObjectLink, tenantId: string, name: string, details: object) =>
    a.tenantId === tenantId && a.name === name && JSON.stringify(a.details) === JSON.stringify(details);

  /** Matches in list order (so `matched` reads as before); objects with no tenant are only reported. */
  const match = (kind: ObjectKind, id: number, name: string, candidate: TenantRow | undefined): Pending | null => {
    const linked = known.get(`${kind}:${id}`);
    const tenant = linked ? (byId.get(linked.tenantId) ?? { id: linked.tenantId, name: linked.tenantId, domain: '', from_address: '' }) : candidate;
    if (!tenant) {
      report.unmatched.push({ kind, postmarkId: id, name, tenantId: null, tenantName: null });
      return null;
    }
    report.matched.push({ kind, postmarkId: id, name, tenantId: tenant.id, tenantName: tenant.name });
    return { kind, id, name, tenantId: tenant.id };
  };
  /**
   * Writes only the rows whose tenant, name or details differ from the ledger's, a slice at a time: each
   * row stands alone, and an account with thousands of objects must not hold the ledger's write lock for
   * the whole list (other processes wait for it).
   */
  const write = (rows: readonly { p: Pending; fresh: Record<string, unknown> }[]) =>
    writeInSlices(deps.db, rows, RECONCILE_SLICE_ROWS, (slice) => {
      for (const { p, fresh } of slice) {
        // Compared with the ledger as it stands now: a list that repeats an object (paging while it changed) writes it once.
        const key = `${p.kind}:${p.id}`;
        const current = known.get(key);
        if (current && sameLink(current, p.tenantId, p.name, fresh)) continue;
        const at = now().toISOString();
        upsert({ tenantId: p.tenantId, kind: p.kind, postmarkId: p.id, name: p.name, details: fresh }, at);
        known.set(key, {
          tenantId: p.tenantId,
          kind: p.kind,
          postmarkId: p.id,
          name: p.name,
          details: fresh,
          createdAt: current?.createdAt ?? at,
          updatedAt: at,
        });
        report.written += 1;
        touched.add(p.tenantId);
      }
    });
  const cancelled = () => {
    if (deps.signal?.aborted) throw new Error('Reconcile was cancelled.');
  };

  const serverRows: { p: Pending; fresh: Record<string, unknown> }[] = [];
  for (const server of servers) {
    const token = server.ApiTokens?.[0];
    if (token && !deps.vault.getServerToken(server.ID)) deps.vault.setServerToken(server.ID, token);
    const p = match('server', server.ID, server.Name, byServer.get(server.Name.toLowerCase()));
    if (p) serverRows.push({ p, fresh: stripSecrets(withoutTokens(server)) });
  }
  write(serverRows);

  // Detail reads are independent GETs: a few in flight at once instead of one round trip after another.
  const withDetails = async (pending: (Pending | null)[], read: (id: number) => Promise<object>) => {
    const todo = pending.filter((p): p is Pending => p !== null);
    const rows = await mapLimit(todo, DETAIL_CONCURRENCY, async (p) => {
      cancelled();
      return { p, fresh: stripSecrets(await read(p.id)) };
    });
    write(rows);
  };
  await withDetails(
    domains.map((d) => match('domain', d.ID, d.Name, byDomain.get(d.Name.toLowerCase()))),
    (id) => deps.gateway.getDomain(id),
  );
  await withDetails(
    senders.map((x) => match('sender', x.ID, x.EmailAddress, byAddress.get(x.EmailAddress.toLowerCase()))),
    (id) => deps.gateway.getSender(id),
  );
  deps.progress?.(4, 4, 'Done');
  report.touchedTenants = [...touched];
  return report;
}
