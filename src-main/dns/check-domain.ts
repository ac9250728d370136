import { findAuthoritative, type AuthoritativeSet } from './authoritative';
import { checkDkim, checkRevokedDkim } from './dkim-check';
import { checkDmarcRecord } from './dmarc-check';
import { discoverDmarcPolicy, organisationalDomain } from './dmarc-policy';
import { planChecks, type CheckInput, type PlannedCheck } from './expected-records';
import { checkMx } from './mx-check';
import { option2Verdict } from './option2-verdict';
import { recordResult, type RecordResult } from './record-result';
import type { CheckReport } from './report';
import { createDnsSession, validateServers, type DnsClient, type DnsSession, type ResolverOptions } from './resolver';
import { createPooledSession, createResolverPool, type BulkTransport } from './resolver-pool';
import { checkReturnPath } from './return-path-check';
import { checkSpf } from './spf-check';
import { combineViews, type ViewClients } from './views';
import { normaliseDomain } from '../domain/domain-name';

export interface DnsCheckerOptions extends ResolverOptions {
  /**
   * Also ask the domain's own name servers (default on). `port` exists for tests, where nsd listens on a
   * high port; in the field name servers listen on 53.
   */
  authoritative?: boolean | { port?: number; maxServers?: number };
  now?: () => Date;
  /** How `pooled()` (bulk runs) asks; the single check always uses node:dns. Default 'wire' (see resolver-pool.ts). */
  bulkTransport?: BulkTransport;
}

export interface DnsChecker {
  check(input: CheckInput, signal?: AbortSignal): Promise<CheckReport>;
  /**
   * A checker for a bulk run: its checks share one transport (by default its own UDP sockets, see
   * resolver-pool.ts) and the answers many
   * checks ask alike (a zone's NS, the name servers' addresses, SOA), instead of opening channels and
   * sockets per check. Abort still cancels only the aborted check's questions. close() when the run ends.
   */
  pooled?(): PooledDnsChecker;
}

export interface PooledDnsChecker {
  check(input: CheckInput, signal?: AbortSignal): Promise<CheckReport>;
  close(): void;
}

/** Kinds whose names live in the customer's zone: worth asking the zone's own servers as well. */
const ZONE_KINDS = new Set<PlannedCheck['kind']>(['dkim', 'dkim-revoked', 'return-path', 'dmarc']);

export function createDnsChecker(options: DnsCheckerOptions = {}): DnsChecker {
  if (options.servers) validateServers(options.servers);
  const now = options.now ?? (() => new Date());
  const authOpts = options.authoritative === false ? null : options.authoritative === true || options.authoritative === undefined ? {} : options.authoritative;
  const check = async (session: DnsSession, input: CheckInput): Promise<CheckReport> => {
    try {
      const domain = normaliseDomain(input.domain, 'domain', 'dns.invalid-domain');
      const plan = planChecks(input);
      const auth: AuthoritativeSet = authOpts ? await findAuthoritative(session, domain, authOpts) : { zone: null, servers: [], negativeTtl: null };
      const zone = auth.zone ?? organisationalDomain(domain);
      // The DMARC record check and the policy discovery both ask _dmarc.<domain>: one question serves both.
      const primary = askOnce(session.recursive);
      // Follow-ups outside the tenant's own records (SPF includes such as spf.mtasv.net, the Return-Path CNAME
      // target) are the same for most tenants: in a bulk run they are asked once per run.
      const recursive = session.shared === session.recursive ? primary : session.shared;
      const runOne = async (planned: PlannedCheck): Promise<RecordResult> => {
        const onResolver = await runPlanned({ primary, recursive }, planned, domain, zone);
        if (!ZONE_KINDS.has(planned.kind) || auth.servers.length === 0 || onResolver.cause === 'not-checked') return onResolver;
        const rows = await Promise.all(
          auth.servers.map(async (s) => ({ server: s.label, row: await runPlanned({ primary: s.client, recursive }, planned, domain, zone) })),
        );
        return combineViews(onResolver, rows, auth.negativeTtl);
      };
      const [records, discovery] = await Promise.all([Promise.all(plan.map(runOne)), discoverDmarcPolicy(primary, domain)]);
      return {
        domain,
        checkedAt: now().toISOString(),
        option: input.option ?? null,
        records,
        dmarc: discovery.status === 'found' ? discovery.policy : null,
        option2: option2Verdict(discovery),
        authoritative: { zone: auth.zone, servers: auth.servers.map((s) => s.label) },
      };
    } finally {
      session.dispose();
    }
  };
  return {
    check: (input, signal) => check(createDnsSession(options, signal), input),
    pooled() {
      const pool = createResolverPool({ ...options, transport: options.bulkTransport });
      return { check: (input, signal) => check(createPooledSession(options, pool, signal), input), close: () => pool.close() };
    },
  };
}

/** The same client, asking each (kind, name) once for the life of one check; concurrent askers share the answer. */
function askOnce(client: DnsClient): DnsClient {
  const asked = new Map<string, Promise<unknown>>();
  const once = <K extends Exclude<keyof DnsClient, 'label'>>(kind: K) =>
    ((name: string) => {
      const key = `${kind} ${name}`;
      let p = asked.get(key);
      if (!p) asked.set(key, (p = (client[kind] as (n: string) => Promise<unknown>)(name)));
      return p;
    }) as DnsClient[K];
  return { label: client.label, txt: once('txt'), cname: once('cname'), a: once('a'), aaaa: once('aaaa'), mx: once('mx'), ns: once('ns'), soa: once('soa') };
}

function runPlanned(clients: ViewClients, p: PlannedCheck, domain: string, zone: string): Promise<RecordResult> {
  switch (p.kind) {
    case 'dkim':
      if (p.name === null) return Promise.resolve(dkimHostUnknown(domain, p.requirement));
      return checkDkim(clients, { domain, zone, name: p.name, requirement: p.requirement, ...(p.expectedValue ? { expectedValue: p.expectedValue } : {}) });
    case 'dkim-revoked':
      return checkRevokedDkim(clients, { domain, zone, name: p.name, safeToRemove: p.safeToRemove, ...(p.value ? { value: p.value } : {}) });
    case 'return-path':
      return checkReturnPath(clients, { domain, zone, name: p.name, requirement: p.requirement });
    case 'dmarc':
      return checkDmarcRecord(clients, { domain, zone, requirement: p.requirement });
    case 'spf':
      return checkSpf(clients, domain);
    case 'mx':
      return checkMx(clients, domain, p.requirement);
  }
}

function dkimHostUnknown(domain: string, requirement: RecordResult['requirement']): RecordResult {
  return recordResult('dkim', `?._domainkey.${domain}`, requirement, 'not-checked', {
    message: 'The DKIM host is not known, so the DKIM record was not checked.',
    fix: "Copy the DKIM host and value from the domain's page in Postmark (DKIMPendingHost / DKIMHost) and check again.",
  });
}
