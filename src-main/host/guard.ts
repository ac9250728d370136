import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BehalfError } from '../../src-preload/api/errors';
import { SignInLimiter } from './sign-in-limiter';

export const SESSION_COOKIE = 'behalf_session';

export interface Session {
  cookieId: string;
  pageToken: string;
  lastSeen: number;
}

export interface GuardOptions {
  secret?: string;
  /** How long a session may stay unused before it is signed out (read on every check: it is a setting). */
  idleMs?: () => number;
  now?: () => number;
}

/**
 * The browser host's gatekeeper.
 *
 * Cookies are not isolated by port, and every 127.0.0.1 port is the same site, so a page served on another
 * loopback port receives (and can toss) our cookie. The cookie therefore only serves static files and one-shot
 * downloads; `/rpc` and `/events` also need the session's page token, which the login redirect hands to the page
 * in the URL fragment (never sent to any server) and the page keeps in its per-origin sessionStorage.
 */
export class HostGuard {
  private secret: string | null;
  /** The secret this run started with (printed once by `behalf serve`). */
  readonly initialSecret: string;
  private readonly sessions = new Map<string, Session>();
  private allowedHosts: Set<string> = new Set();
  private readonly idleMs: () => number;
  private readonly now: () => number;
  readonly limiter: SignInLimiter;

  constructor(opts: GuardOptions = {}) {
    if (opts.secret !== undefined) assertStrongSecret(opts.secret);
    this.secret = opts.secret ?? newSecret();
    this.initialSecret = this.secret;
    this.idleMs = opts.idleMs ?? (() => 12 * 3600_000);
    this.now = opts.now ?? Date.now;
    this.limiter = new SignInLimiter(this.now);
  }

  bindPort(port: number): void {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts.has((req.headers.host ?? '').toLowerCase());
  }

  /** Same-origin only: an Origin header, when present, must be this server; state-changing calls must send one. */
  originAllowed(req: IncomingMessage, required: boolean): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return !required;
    try {
      const u = new URL(origin);
      return u.protocol === 'http:' && this.allowedHosts.has(u.host.toLowerCase());
    } catch {
      return false;
    }
  }

  /** Fetch metadata: a browser that says the request came from another site or port is refused outright. */
  fetchSiteAllowed(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  }

  /** The sign-in secret works once: a match consumes it, so a URL left in history or a log is dead. */
  consumeSecret(candidate: string | null): boolean {
    if (!candidate || this.secret === null) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.secret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    this.secret = null;
    return true;
  }

  /** A fresh one-time secret (the old one, used or not, stops working): `behalf serve` prints it on request. */
  renewSecret(): string {
    this.secret = newSecret();
    return this.secret;
  }

  /** Creates a session: the cookie for static files and downloads, the page token for RPC and events. */
  openSession(): { setCookie: string; pageToken: string } {
    const session: Session = { cookieId: newSecret(32), pageToken: newSecret(32), lastSeen: this.now() };
    this.sessions.set(session.cookieId, session);
    return { setCookie: `${SESSION_COOKIE}=${session.cookieId}; HttpOnly; SameSite=Strict; Path=/`, pageToken: session.pageToken };
  }

  /** Any live session among the cookies sent: a cookie tossed in by another port cannot shadow the real one. */
  cookieSession(req: IncomingMessage): Session | undefined {
    for (const id of readCookies(req.headers.cookie, SESSION_COOKIE)) {
      const s = this.live(this.sessions.get(id));
      if (s) return s;
    }
    return undefined;
  }

  hasSession(req: IncomingMessage): boolean {
    return this.cookieSession(req) !== undefined;
  }

  /** RPC and events: the page token must belong to a live session whose cookie came with the request. */
  pageSession(req: IncomingMessage, pageToken: string | undefined): Session | undefined {
    if (!pageToken) return undefined;
    for (const id of readCookies(req.headers.cookie, SESSION_COOKIE)) {
      const s = this.live(this.sessions.get(id));
      if (s && sameSecret(s.pageToken, pageToken)) {
        s.lastSeen = this.now();
        return s;
      }
    }
    return undefined;
  }

  signOut(session: Pick<Session, 'cookieId'>): void {
    this.sessions.delete(session.cookieId);
  }

  /** For open event sockets: stop pushing to a session that was signed out or went idle. */
  isLive(s: Session): boolean {
    return this.live(this.sessions.get(s.cookieId)) === s;
  }

  private live(s: Session | undefined): Session | undefined {
    if (!s) return undefined;
    if (this.now() - s.lastSeen > this.idleMs()) {
      this.sessions.delete(s.cookieId);
      return undefined;
    }
    return s;
  }
}

function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * BEHALF_HOST_SECRET must carry at least 128 bits: counted per character from the alphabet it uses (hex digits
 * give 4 bits, base64url characters 6), so "1" or a short word is refused before the host starts.
 */
export function assertStrongSecret(secret: string): void {
  const bitsPerChar = /^[0-9a-f]+$/i.test(secret) ? 4 : /^[A-Za-z0-9_-]+$/.test(secret) ? 6 : 0;
  if (bitsPerChar === 0 || secret.length * bitsPerChar < 128) {
    throw new BehalfError(
      'host.weak-secret',
      'BEHALF_HOST_SECRET is too weak: it needs at least 128 bits (22 base64url characters or 32 hex digits).',
      'Unset it to get a random one, or use e.g. `openssl rand -hex 24`.',
    );
  }
}

export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}
