import type { Envelope } from '../../src-preload/api/define';
import type { Transport } from './client';

/**
 * Browser host: POST /rpc/<channel> with the session cookie (same origin), and one WebSocket for push events
 * that reconnects with backoff when the host restarts.
 */
export function hostTransport(): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retry = 500;

  const connect = () => {
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`);
    socket.onopen = () => (retry = 500);
    socket.onmessage = (msg) => {
      try {
        const { event, payload } = JSON.parse(String(msg.data)) as { event: string; payload: unknown };
        for (const l of listeners.get(event) ?? []) l(payload);
      } catch {
        /* a malformed frame is ignored; the next one will do */
      }
    };
    socket.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };
  connect();

  return {
    kind: 'browser-host',
    async invoke(channel, input) {
      let res: Response;
      try {
        res = await fetch(`/rpc/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'host.unreachable', message: 'The Behalf host is not answering.', hint: 'Is `behalf serve` still running? Restart it and open the new link.' } };
      }
      const body = (await res.json().catch(() => null)) as Envelope<unknown> | null;
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return { ok: false, error: { code: `host.http-${res.status}`, message: `The host answered ${res.status}.` } };
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
