import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'behalf_session';

/**
 * The browser host's gatekeeper. A per-launch secret is printed once in the URL; visiting it swaps it for an
 * HttpOnly SameSite=Strict cookie. Host and Origin must name this loopback server, which defeats DNS rebinding
 * and cross-site requests from other pages the user has open.
 */
export class HostGuard {
  readonly secret: string;
  private readonly sessions = new Set<string>();
  private allowedHosts: Set<string> = new Set();

  constructor(secret?: string) {
    this.secret = secret ?? randomBytes(24).toString('base64url');
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

  secretMatches(candidate: string | null): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Creates a session and returns the Set-Cookie header value. */
  openSession(): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.add(id);
    return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
  }

  hasSession(req: IncomingMessage): boolean {
    const id = readCookie(req.headers.cookie, SESSION_COOKIE);
    return id !== undefined && this.sessions.has(id);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
