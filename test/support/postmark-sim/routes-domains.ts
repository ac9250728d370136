import { isDomainName, isPublicDomain, isSubdomainOf } from './addresses';
import { asObject, getString, has } from './body';
import { newDkimKey } from './dkim-keys';
import { RETURN_PATH_TARGET, dkimRecordPresent, returnPathCnamePresent } from './dns-verify';
import { pageOf, parsePaging } from './paging';
import type { Route, RouteContext, SimEnv } from './router';
import { invalid, notFound, ok } from './sim-error';
import { takeId, type SimDomain, type SimState } from './state';

export const SPF_TEXT_VALUE = 'v=spf1 a mx include:spf.mtasv.net ~all';

export function domainSummary(d: SimDomain): Record<string, unknown> {
  return {
    ID: d.ID,
    Name: d.Name,
    SPFVerified: false,
    DKIMVerified: d.DKIMVerified,
    WeakDKIM: false,
    ReturnPathDomainVerified: d.ReturnPathDomainVerified,
  };
}

/** The DKIM part of DomainDetails, which is also what rotatedkim answers with. */
export function dkimFields(d: SimDomain): Record<string, unknown> {
  return {
    Name: d.Name,
    DKIMVerified: d.DKIMVerified,
    WeakDKIM: false,
    DKIMHost: d.active?.host ?? '',
    DKIMTextValue: d.active?.value ?? '',
    DKIMPendingHost: d.pending?.host ?? '',
    DKIMPendingTextValue: d.pending?.value ?? '',
    DKIMRevokedHost: d.revoked?.host ?? '',
    DKIMRevokedTextValue: d.revoked?.value ?? '',
    SafeToRemoveRevokedKeyFromDNS: d.revoked ? d.safeToRemoveRevoked : false,
    DKIMUpdateStatus: d.pending ? 'Pending' : 'Verified',
    ID: d.ID,
  };
}

export function domainDetails(d: SimDomain): Record<string, unknown> {
  return {
    Name: d.Name,
    SPFVerified: false,
    SPFHost: d.Name,
    SPFTextValue: SPF_TEXT_VALUE,
    ...dkimFields(d),
    ReturnPathDomain: d.ReturnPathDomain,
    ReturnPathDomainVerified: d.ReturnPathDomainVerified,
    ReturnPathDomainCNAMEValue: RETURN_PATH_TARGET,
    ID: d.ID,
  };
}

export function findDomain(state: SimState, rawId: string | undefined): SimDomain {
  const domain = state.domains.find((d) => String(d.ID) === rawId);
  if (!domain) throw notFound(510, 'Domain not found.');
  return domain;
}

function createDomain({ env, body }: RouteContext) {
  const input = asObject(body, 511, 'domain');
  const name = (getString(input, 'Name', 511) ?? '').trim().toLowerCase();
  if (name === '') throw invalid(514, "The 'Name' field is required.");
  if (name.length > 255) throw invalid(515, "The 'Name' field may not be longer than 255 characters.");
  if (!isDomainName(name)) throw invalid(522, `'${name}' is not a valid domain name.`);
  if (isPublicDomain(name)) throw invalid(503, `You cannot use a public domain like ${name}.`);
  if (env.state.domains.some((d) => d.Name === name)) throw invalid(512, `The domain ${name} already exists.`);
  const returnPath = checkReturnPath(getString(input, 'ReturnPathDomain', 511), name);
  const domain: SimDomain = {
    ID: takeId(env.state, 'domain'),
    Name: name,
    ReturnPathDomain: returnPath,
    ReturnPathDomainVerified: false,
    DKIMVerified: false,
    active: null,
    pending: newDkimKey(env.state, name, env.startedAt),
    revoked: null,
    safeToRemoveRevoked: false,
  };
  env.state.domains.push(domain);
  return ok(domainDetails(domain));
}

function editDomain({ env, params, body }: RouteContext) {
  const domain = findDomain(env.state, params.id);
  const input = asObject(body, 511, 'domain');
  if (!has(input, 'ReturnPathDomain')) throw invalid(511, "Only 'ReturnPathDomain' can be changed.");
  const returnPath = checkReturnPath(getString(input, 'ReturnPathDomain', 511) ?? '', domain.Name);
  if (returnPath !== domain.ReturnPathDomain) {
    domain.ReturnPathDomain = returnPath;
    domain.ReturnPathDomainVerified = false;
  }
  return ok(domainDetails(domain));
}

/** ReturnPathDomain must sit under the domain (pm-bounces.example.com for example.com): ErrorCode 522. */
export function checkReturnPath(raw: string | undefined, domainName: string): string {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return '';
  if (!isDomainName(value) || !isSubdomainOf(value, domainName)) {
    throw invalid(522, `The Return-Path domain '${value}' must be a subdomain of ${domainName}.`);
  }
  return value;
}

async function verifyDkim(env: SimEnv, domain: SimDomain) {
  const pending = domain.pending;
  if (pending) {
    const found = await dkimRecordPresent(env.resolver, pending.host, pending.value);
    // A rotation may have replaced the key while DNS was being asked: only promote the key we checked.
    if (found && domain.pending === pending) {
      if (domain.active) {
        domain.revoked = domain.active;
        domain.safeToRemoveRevoked = false;
      }
      domain.active = pending;
      domain.pending = null;
      domain.DKIMVerified = true;
    }
  } else if (domain.active && domain.revoked && !domain.safeToRemoveRevoked) {
    // A later check that still sees the new key proves signing moved on: the old TXT can go.
    if (await dkimRecordPresent(env.resolver, domain.active.host, domain.active.value)) domain.safeToRemoveRevoked = true;
  }
  return ok(domainDetails(domain));
}

async function verifyReturnPath(env: SimEnv, domain: SimDomain) {
  domain.ReturnPathDomainVerified = await returnPathCnamePresent(env.resolver, domain.ReturnPathDomain);
  return ok(domainDetails(domain));
}

function rotateDkim(env: SimEnv, domain: SimDomain) {
  if (domain.pending) throw invalid(505, 'DKIM is already being renewed for this domain.');
  domain.pending = newDkimKey(env.state, domain.Name, env.startedAt);
  return ok(dkimFields(domain));
}

function deleteDomain({ env, params }: RouteContext) {
  const domain = findDomain(env.state, params.id);
  env.state.domains = env.state.domains.filter((d) => d !== domain);
  return ok({ ErrorCode: 0, Message: `Domain ${domain.Name} removed.` });
}

const byId =
  (handler: (env: SimEnv, d: SimDomain) => ReturnType<typeof ok> | Promise<ReturnType<typeof ok>>) =>
  ({ env, params }: RouteContext) =>
    handler(env, findDomain(env.state, params.id));

export const domainRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/domains',
    auth: 'account',
    handle: ({ env, query }) => {
      const paging = parsePaging(query, 500);
      return ok({ TotalCount: env.state.domains.length, Domains: pageOf(env.state.domains, paging).map(domainSummary) });
    },
  },
  { method: 'POST', pattern: '/domains', auth: 'account', handle: createDomain },
  { method: 'GET', pattern: '/domains/:id', auth: 'account', handle: byId((_env, d) => ok(domainDetails(d))) },
  { method: 'PUT', pattern: '/domains/:id', auth: 'account', handle: editDomain },
  { method: 'DELETE', pattern: '/domains/:id', auth: 'account', handle: deleteDomain },
  { method: 'PUT', pattern: '/domains/:id/verifydkim', auth: 'account', handle: byId(verifyDkim) },
  { method: 'PUT', pattern: '/domains/:id/verifyreturnpath', auth: 'account', handle: byId(verifyReturnPath) },
  { method: 'POST', pattern: '/domains/:id/rotatedkim', auth: 'account', handle: byId(rotateDkim) },
  {
    method: 'POST',
    pattern: '/domains/:id/verifyspf',
    auth: 'account',
    handle: byId((_env, d) => ok({ SPFHost: d.Name, SPFVerified: false, SPFTextValue: SPF_TEXT_VALUE })),
  },
];
