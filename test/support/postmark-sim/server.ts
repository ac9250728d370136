import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from './auth';
import { defaultResolver, type SimResolver } from './dns-verify';
import { createFaults, defaultFaultBody, htmlFaultPage, type ActiveFault, type Faults } from './faults';
import { domainRoutes } from './routes-domains';
import { emailRoutes } from './routes-email';
import { messageRoutes } from './routes-messages';
import { senderRoutes } from './routes-senders';
import { serverRoutes } from './routes-servers';
import { statsRoutes } from './routes-stats';
import { setStatsProfile, type StatsProfile } from './stats-history';
import { matchRoute, type Route, type SimEnv } from './router';
import { SimError, type SimReply } from './sim-error';
import { createState, type SimEventKind, type SimState } from './state';

export interface PostmarkSimulatorOptions {
  port?: number;
  accountToken?: string;
  resolver?: SimResolver;
  /** Indexing lag of message search/details; default realistic (DEFAULT_SEARCH_LAG_MS). */
  searchLagMs?: number;
}

export interface PostmarkSimulator {
  url: string;
  port: number;
  /** For the official client: `{ useHttps: false, requestHost }`. */
  requestHost: string;
  accountToken: string;
  state: SimState;
  faults: Faults;
  close(): Promise<void>;
  /** Simulates the person clicking the confirmation link Postmark mailed to the sender address. */
  confirmSender(id: number): void;
  /** Marks an address inactive (hard bounce / complaint / suppression), or active again. */
  setInactive(email: string, inactive?: boolean): void;
  /** The events later sends to this recipient produce, e.g. ['Transient', 'Delivered'] or ['Bounced']. */
  setRecipientEvents(email: string, kinds: SimEventKind[]): void;
  /** Flips SafeToRemoveRevokedKeyFromDNS without waiting for another verify. */
  markRevokedKeySafe(domainId: number): void;
  /** The first API token of a server (tests use it to build a ServerClient). */
  serverToken(serverId: number): string;
  /** Moves the simulator's clock forward: indexing lag, Queued → Sent and events follow it. */
  elapse(ms: number): void;
  /** Shapes a server's generated Stats/Bounce history: 'healthy' (default), 'trouble', 'degrading', 'quiet', 'none'. */
  setStatsProfile(serverId: number, profile: StatsProfile): void;
}

const ROUTES: Route[] = [...serverRoutes, ...domainRoutes, ...senderRoutes, ...emailRoutes, ...messageRoutes, ...statsRoutes];

export async function startPostmarkSimulator(opts: PostmarkSimulatorOptions = {}): Promise<PostmarkSimulator> {
  const env: SimEnv = {
    state: createState(),
    resolver: opts.resolver ?? defaultResolver(),
    accountToken: opts.accountToken ?? `sim-account-${randomUUID()}`,
    startedAt: Date.now(),
  };
  if (opts.searchLagMs !== undefined) env.state.searchLagMs = opts.searchLagMs;
  const faults = createFaults();
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { ErrorCode: 101, Message: `Simulator bug: ${String(err)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = (req.method ?? 'GET').toUpperCase();
    const fault = faults.take(method, url.pathname + url.search);
    const log = { method, path: url.pathname + url.search, status: 0 };
    env.state.requests.push(log);

    if (fault?.status !== undefined) {
      log.status = fault.status;
      if (fault.html) return void sendHtml(res, fault.status, htmlFaultPage(fault.status));
      return void send(res, fault.status, defaultFaultBody(fault));
    }
    // Defaults: a dropped request never happened; a slow one happened but the answer is late.
    const processedFirst = fault !== undefined && (fault.processed ?? !fault.drop);
    if (fault && !processedFirst) {
      if (fault.drop) return void res.socket?.destroy();
      await wait(fault.delayMs ?? 0);
      // The caller gave up while we waited: nothing happens, as when a request never reached Postmark.
      if (res.destroyed || req.socket.destroyed) return;
    }
    const reply = await dispatch(req, method, url, raw);
    log.status = reply.status;
    if (fault && processedFirst) return deliverLate(res, reply, fault);
    send(res, reply.status, reply.body);
  }

  async function deliverLate(res: ServerResponse, reply: SimReply, fault: ActiveFault): Promise<void> {
    if (fault.drop) return void res.socket?.destroy();
    await wait(fault.delayMs ?? 0);
    if (!res.destroyed) send(res, reply.status, reply.body);
  }

  async function dispatch(req: IncomingMessage, method: string, url: URL, raw: string): Promise<SimReply> {
    try {
      const match = matchRoute(ROUTES, method, url.pathname);
      if (match === undefined) throw new SimError(404, 0, `No Postmark endpoint at ${url.pathname}.`);
      if (match === 'wrong-method') throw new SimError(405, 0, `${method} is not allowed on ${url.pathname}.`);
      const owner = authenticate(req, match.route.auth, env.state, env.accountToken);
      const body = parseJson(req, raw);
      const query = new Map<string, string>();
      for (const [key, value] of url.searchParams) query.set(key.toLowerCase(), value);
      return await match.route.handle({ env, params: match.params, query, body, server: owner });
    } catch (err) {
      if (err instanceof SimError) return { status: err.status, body: { ErrorCode: err.errorCode, Message: err.message } };
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requestHost: `127.0.0.1:${port}`,
    accountToken: env.accountToken,
    state: env.state,
    faults,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    confirmSender(id) {
      const sender = env.state.senders.find((s) => s.ID === id);
      if (!sender) throw new Error(`No sender signature ${id}`);
      sender.Confirmed = true;
    },
    setInactive(email, inactive = true) {
      if (inactive) env.state.inactive.add(email.toLowerCase());
      else env.state.inactive.delete(email.toLowerCase());
    },
    setRecipientEvents(email, kinds) {
      env.state.recipientEvents.set(email.toLowerCase(), kinds);
    },
    markRevokedKeySafe(domainId) {
      const domain = env.state.domains.find((d) => d.ID === domainId);
      if (!domain?.revoked) throw new Error(`Domain ${domainId} has no revoked DKIM key`);
      domain.safeToRemoveRevoked = true;
    },
    setStatsProfile(serverId, profile) {
      if (!env.state.servers.some((s) => s.ID === serverId)) throw new Error(`No server ${serverId}`);
      setStatsProfile(env.state, serverId, profile);
    },
    elapse(ms) {
      env.state.clockOffsetMs += ms;
    },
    serverToken(serverId) {
      const token = env.state.servers.find((s) => s.ID === serverId)?.ApiTokens[0];
      if (!token) throw new Error(`No server ${serverId}`);
      return token;
    },
  };
}

/** JSON bodies need a JSON Content-Type (415 otherwise); bad JSON is 422 with ErrorCode 402. */
function parseJson(req: IncomingMessage, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().includes('json')) throw new SimError(415, 0, 'Expected a Content-Type of application/json.');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new SimError(422, 402, 'Received invalid JSON input.');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendHtml(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page) });
  res.end(page);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) };
  const code = (body as { ErrorCode?: unknown } | null)?.ErrorCode;
  if (status >= 400 && typeof code === 'number') headers['X-PM-ApiErrorCode'] = code;
  res.writeHead(status, headers);
  res.end(text);
}
