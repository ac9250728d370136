import { asObject, getBool, getNumber, getString, type JsonObject } from './body';
import { pageOf, parsePaging } from './paging';
import type { Route, RouteContext } from './router';
import { invalid, notFound, ok } from './sim-error';
import { newSimServer, type SimServer, type SimState } from './state';

const COLORS = ['Purple', 'Blue', 'Turquoise', 'Green', 'Red', 'Yellow', 'Grey', 'Orange'];
const TRACK_LINKS = ['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly'];
const HOOKS = ['InboundHookUrl', 'BounceHookUrl', 'OpenHookUrl', 'DeliveryHookUrl', 'ClickHookUrl'] as const;
const FLAGS = ['SmtpApiActivated', 'RawEmailEnabled', 'PostFirstOpenOnly', 'TrackOpens', 'IncludeBounceContentInHook', 'EnableSmtpApiErrorHooks'] as const;

export function serverJson(s: SimServer): Record<string, unknown> {
  return {
    ID: s.ID,
    Name: s.Name,
    ApiTokens: [...s.ApiTokens],
    ServerLink: `https://account.postmarkapp.com/servers/${s.ID}/streams`,
    Color: s.Color,
    SmtpApiActivated: s.SmtpApiActivated,
    RawEmailEnabled: s.RawEmailEnabled,
    DeliveryType: s.DeliveryType,
    InboundAddress: `${s.InboundHash}@inbound.postmarkapp.com`,
    InboundHookUrl: s.InboundHookUrl,
    BounceHookUrl: s.BounceHookUrl,
    OpenHookUrl: s.OpenHookUrl,
    DeliveryHookUrl: s.DeliveryHookUrl,
    ClickHookUrl: s.ClickHookUrl,
    PostFirstOpenOnly: s.PostFirstOpenOnly,
    InboundDomain: s.InboundDomain,
    InboundHash: s.InboundHash,
    InboundSpamThreshold: s.InboundSpamThreshold,
    TrackOpens: s.TrackOpens,
    TrackLinks: s.TrackLinks,
    IncludeBounceContentInHook: s.IncludeBounceContentInHook,
    EnableSmtpApiErrorHooks: s.EnableSmtpApiErrorHooks,
  };
}

export function findServer(state: SimState, rawId: string | undefined): SimServer {
  const server = state.servers.find((s) => String(s.ID) === rawId);
  if (!server) throw notFound(601, 'Server not found.');
  return server;
}

function listServers({ env, query }: RouteContext) {
  const paging = parsePaging(query, 600);
  const name = (query.get('name') ?? '').toLowerCase();
  const matching = env.state.servers.filter((s) => s.Name.toLowerCase().includes(name));
  return ok({ TotalCount: matching.length, Servers: pageOf(matching, paging).map(serverJson) });
}

function createServer({ env, body }: RouteContext) {
  const input = asObject(body, 609, 'server');
  const name = (getString(input, 'Name', 608) ?? '').trim();
  if (name === '') throw invalid(608, 'The server name is missing or invalid.');
  assertUniqueName(env.state, name, undefined);
  const deliveryType = getString(input, 'DeliveryType', 613) ?? 'Live';
  const canonicalDelivery = ['Live', 'Sandbox'].find((d) => d.toLowerCase() === deliveryType.toLowerCase());
  if (!canonicalDelivery) throw invalid(613, `Invalid DeliveryType '${deliveryType}'. Use Live or Sandbox.`);
  const server = newSimServer(env.state, name, canonicalDelivery as SimServer['DeliveryType']);
  applyEditableFields(server, input);
  env.state.servers.push(server);
  return ok(serverJson(server));
}

function editServer(server: SimServer, state: SimState, body: unknown) {
  const input = asObject(body, 609, 'server');
  const name = getString(input, 'Name', 608);
  if (name !== undefined) {
    if (name.trim() === '') throw invalid(608, 'The server name is missing or invalid.');
    assertUniqueName(state, name.trim(), server.ID);
  }
  // Validate everything on a copy first so a refused edit changes nothing.
  const draft = { ...server };
  applyEditableFields(draft, input);
  if (name !== undefined) draft.Name = name.trim();
  Object.assign(server, draft);
  return ok(serverJson(server));
}

function applyEditableFields(server: SimServer, input: JsonObject): void {
  const color = getString(input, 'Color', 607);
  if (color !== undefined) {
    const canonical = COLORS.find((c) => c.toLowerCase() === color.toLowerCase());
    if (!canonical) throw invalid(607, `Invalid color '${color}'.`);
    server.Color = canonical;
  }
  const trackLinks = getString(input, 'TrackLinks', 612);
  if (trackLinks !== undefined) {
    const canonical = TRACK_LINKS.find((t) => t.toLowerCase() === trackLinks.toLowerCase());
    if (!canonical) throw invalid(612, `Invalid TrackLinks value '${trackLinks}'.`);
    server.TrackLinks = canonical;
  }
  const threshold = getNumber(input, 'InboundSpamThreshold', 611);
  if (threshold !== undefined) {
    if (threshold < 0 || threshold > 30 || threshold % 5 !== 0) {
      throw invalid(611, 'InboundSpamThreshold must be between 0 and 30, in steps of 5.');
    }
    server.InboundSpamThreshold = threshold;
  }
  for (const hook of HOOKS) {
    const url = getString(input, hook, 606);
    if (url === undefined) continue;
    if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) throw invalid(606, `Invalid hook URL in '${hook}'.`);
    server[hook] = url;
  }
  for (const flag of FLAGS) {
    const value = getBool(input, flag, 609);
    if (value !== undefined) server[flag] = value;
  }
  const inbound = getString(input, 'InboundDomain', 609);
  if (inbound !== undefined) server.InboundDomain = inbound;
}

function assertUniqueName(state: SimState, name: string, exceptId: number | undefined): void {
  const clash = state.servers.some((s) => s.ID !== exceptId && s.Name.toLowerCase() === name.toLowerCase());
  if (clash) throw invalid(603, `A server with the name '${name}' already exists.`);
}

function deleteServer({ env, params }: RouteContext) {
  const server = findServer(env.state, params.id);
  if (!env.state.serverDeletionEnabled) {
    throw invalid(604, 'Server deletion is not enabled for this account. Contact support to enable it.');
  }
  env.state.servers = env.state.servers.filter((s) => s !== server);
  env.state.messages = env.state.messages.filter((m) => m.serverId !== server.ID);
  return ok({ ErrorCode: 0, Message: `Server ${server.Name} removed.` });
}

export const serverRoutes: Route[] = [
  { method: 'GET', pattern: '/servers', auth: 'account', handle: listServers },
  { method: 'POST', pattern: '/servers', auth: 'account', handle: createServer },
  { method: 'GET', pattern: '/servers/:id', auth: 'account', handle: ({ env, params }) => ok(serverJson(findServer(env.state, params.id))) },
  { method: 'PUT', pattern: '/servers/:id', auth: 'account', handle: ({ env, params, body }) => editServer(findServer(env.state, params.id), env.state, body) },
  { method: 'DELETE', pattern: '/servers/:id', auth: 'account', handle: deleteServer },
  // Server-token twins: read and edit the server that owns the token.
  { method: 'GET', pattern: '/server', auth: 'server', handle: ({ server }) => ok(serverJson(server!)) },
  { method: 'PUT', pattern: '/server', auth: 'server', handle: ({ server, env, body }) => editServer(server!, env.state, body) },
];
