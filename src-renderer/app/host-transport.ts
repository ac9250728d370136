import type { Envelope } from '../../src-preload/api/define';
import { EVENTS_PROTOCOL, PAGE_TOKEN_HEADER, PAGE_TOKEN_PROTOCOL_PREFIX } from '../../src-preload/api/host-session';
import type { Transport } from './client';
import { forgetPageToken, takePageToken } from './host-session';

const NOT_SIGNED_IN = {
  ok: false as const,
  error: {
    code: 'host.unauthenticated',
    message: 'This tab is not signed in.',
    hint: 'Press Enter in the terminal running `behalf serve` for a new sign-in link and open it.',
  },
};

/**
 * Browser host: POST /rpc/<channel> with the session cookie and this tab's page token, and one WebSocket for
 * push events (the token offered as a subprotocol) that reconnects with backoff when the host restarts.
 */
export function hostTransport(): Transport {
  const token = takePageToken();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let retry = 500;
  let signedOut = token === null;

  const connect = () => {
    if (signedOut || token === null) return;
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`, [
      EVENTS_PROTOCOL,
      PAGE_TOKEN_PROTOCOL_PREFIX + token,
    ]);
    socket.onopen = () => (retry = 500);
    socket.onmessage = (msg) => {
      try {
        const { event, payload } = JSON.parse(String(msg.data)) as { event: string; payload: unknown };
        for (const l of listeners.get(event) ?? []) l(payload);
      } catch {
        /* a malformed frame is ignored; the next one will do */
      }
    };
    socket.onclose = (e) => {
      if (e.code === 4401) return endSession();
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };
  const endSession = () => {
    signedOut = true;
    forgetPageToken();
  };
  connect();

  const post = async (path: string, body: unknown): Promise<Envelope<unknown>> => {
    if (token === null || signedOut) return NOT_SIGNED_IN;
    let res: Response;
    try {
      res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [PAGE_TOKEN_HEADER]: token },
        body: JSON.stringify(body ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      return {
        ok: false,
        error: {
          code: 'host.unreachable',
          message: 'The Behalf host is not answering.',
          hint: 'Is `behalf serve` still running? Restart it and open the new link.',
        },
      };
    }
    const reply = (await res.json().catch(() => null)) as Envelope<unknown> | null;
    if (reply && !reply.ok && reply.error.code === 'host.unauthenticated') endSession();
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { code: `host.http-${res.status}`, message: `The host answered ${res.status}.` } };
  };

  return {
    kind: 'browser-host',
    signedIn: () => !signedOut,
    invoke: (channel, input) => post(`/rpc/${channel}`, input),
    async signOut() {
      await post('/session/sign-out', {});
      endSession();
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
