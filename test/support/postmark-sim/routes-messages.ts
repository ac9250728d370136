import { parseFilterDate } from './dates';
import { pageOf, parsePaging } from './paging';
import type { Route, RouteContext } from './router';
import { invalid, notFound, ok } from './sim-error';
import { QUEUED_FOR_MS, simNow, type SimMessage, type SimState } from './state';

/** Searchable (and its details readable) only once Postmark has indexed it: eventual consistency. */
function indexed(state: SimState, m: SimMessage): boolean {
  return simNow(state) >= m.acceptedAtMs + state.searchLagMs;
}

/** `Queued` right after indexing, `Sent` once it left Postmark (the client's models list Queued/Sent/Processed). */
function statusOf(state: SimState, m: SimMessage): 'Queued' | 'Sent' {
  return simNow(state) >= m.acceptedAtMs + state.searchLagMs + QUEUED_FOR_MS ? 'Sent' : 'Queued';
}

function summary(state: SimState, m: SimMessage): Record<string, unknown> {
  return {
    Tag: m.Tag,
    MessageID: m.MessageID,
    MessageStream: m.MessageStream,
    To: m.To,
    Cc: m.Cc,
    Bcc: m.Bcc,
    Recipients: [...m.To, ...m.Cc, ...m.Bcc].map((r) => r.Email),
    ReceivedAt: m.ReceivedAt,
    From: m.From,
    Subject: m.Subject,
    Attachments: m.Attachments,
    Status: statusOf(state, m),
    TrackOpens: m.TrackOpens,
    TrackLinks: m.TrackLinks,
    Metadata: m.Metadata,
    Sandboxed: m.Sandboxed,
  };
}

function details(state: SimState, m: SimMessage): Record<string, unknown> {
  // Events arrive over time: only those whose moment has come are shown.
  const now = simNow(state);
  const events = m.MessageEvents.filter((e) => Date.parse(e.ReceivedAt) <= now);
  return { ...summary(state, m), TextBody: m.TextBody, HtmlBody: m.HtmlBody, Body: rawMime(m), MessageEvents: events };
}

function rawMime(m: SimMessage): string {
  const to = m.To.map((r) => r.Email).join(', ');
  return `From: ${m.From}\r\nTo: ${to}\r\nSubject: ${m.Subject}\r\nX-PM-Message-Id: ${m.MessageID}\r\n\r\n${m.TextBody || m.HtmlBody}`;
}

type Filter = (m: SimMessage) => boolean;

/** Filters from the query (keys already lower-case); `metadata_<key>` matches one Metadata entry exactly. */
function filtersFrom(state: SimState, query: Map<string, string>): Filter[] {
  const filters: Filter[] = [];
  const contains = (hay: string, needle: string) => hay.toLowerCase().includes(needle.toLowerCase());
  const recipient = query.get('recipient');
  if (recipient) filters.push((m) => [...m.To, ...m.Cc, ...m.Bcc].some((r) => contains(r.Email, recipient)));
  const fromEmail = query.get('fromemail');
  if (fromEmail) filters.push((m) => contains(m.From, fromEmail));
  const tag = query.get('tag');
  if (tag) filters.push((m) => m.Tag.toLowerCase() === tag.toLowerCase());
  const subject = query.get('subject');
  if (subject) filters.push((m) => contains(m.Subject, subject));
  const status = query.get('status');
  if (status) filters.push((m) => statusOf(state, m).toLowerCase() === status.toLowerCase());
  const stream = (query.get('messagestream') ?? 'outbound').toLowerCase();
  filters.push((m) => m.MessageStream === stream);
  for (const [key, edge] of [
    ['fromdate', false],
    ['todate', true],
  ] as const) {
    const raw = query.get(key);
    if (!raw) continue;
    const limit = parseFilterDate(raw, edge);
    if (limit === undefined) throw invalid(700, `The '${key}' parameter is not a valid date.`);
    filters.push((m) => (edge ? Date.parse(m.ReceivedAt) <= limit : Date.parse(m.ReceivedAt) >= limit));
  }
  for (const [key, value] of query) {
    if (!key.startsWith('metadata_')) continue;
    const field = key.slice('metadata_'.length);
    filters.push((m) => Object.entries(m.Metadata).some(([k, v]) => k.toLowerCase() === field && v === value));
  }
  return filters;
}

function listOutbound({ env, server, query }: RouteContext) {
  const paging = parsePaging(query, 700, 10_000);
  const filters = filtersFrom(env.state, query);
  // Newest first, as Postmark lists them; not yet indexed = not there.
  const mine = env.state.messages.filter((m) => m.serverId === server!.ID && indexed(env.state, m) && filters.every((f) => f(m))).reverse();
  return ok({ TotalCount: mine.length, Messages: pageOf(mine, paging).map((m) => summary(env.state, m)) });
}

function findMessage({ env, server, params }: RouteContext): SimMessage {
  const message = env.state.messages.find((m) => m.serverId === server!.ID && m.MessageID.toLowerCase() === params.id && indexed(env.state, m));
  if (!message) throw notFound(701, 'This message was not found.');
  return message;
}

export const messageRoutes: Route[] = [
  { method: 'GET', pattern: '/messages/outbound', auth: 'server', handle: listOutbound },
  { method: 'GET', pattern: '/messages/outbound/:id/details', auth: 'server', handle: (ctx) => ok(details(ctx.env.state, findMessage(ctx))) },
  // postmark.js up to 4.0.6 asked without /details; Postmark answers both.
  { method: 'GET', pattern: '/messages/outbound/:id', auth: 'server', handle: (ctx) => ok(details(ctx.env.state, findMessage(ctx))) },
  { method: 'GET', pattern: '/messages/outbound/:id/dump', auth: 'server', handle: (ctx) => ok({ Body: rawMime(findMessage(ctx)) }) },
];
