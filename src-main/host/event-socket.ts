import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS_PROTOCOL, PAGE_TOKEN_PROTOCOL_PREFIX } from '../../src-preload/api/host-session';
import type { EventBus } from '../core/event-bus';
import type { HostGuard, Session } from './guard';

/**
 * Push events over one WebSocket per page, after the same checks as RPC: Host, Origin, fetch metadata and the
 * page token (a browser cannot set headers on a WebSocket, so the page offers it as a second subprotocol).
 */
export function attachEventSocket(server: Server, guard: HostGuard, bus: EventBus): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false) });
  const clients = new Map<WebSocket, Session>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const session =
      url.pathname === '/events' && guard.hostAllowed(req) && guard.originAllowed(req, true) && guard.fetchSiteAllowed(req)
        ? guard.pageSession(req, pageTokenFromProtocols(req.headers['sec-websocket-protocol']))
        : undefined;
    if (!session) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.set(ws, session);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', () => undefined); // the page never sends; ignore rather than echo
    });
  });

  const off = bus.onAny((name, payload) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const [ws, session] of clients) {
      // A signed-out or idle-expired session gets nothing more; 4401 tells the page to ask for a new sign-in.
      if (!guard.isLive(session)) ws.close(4401, 'signed out');
      else if (ws.readyState === ws.OPEN) ws.send(frame);
    }
  });

  return () => {
    off();
    for (const ws of clients.keys()) ws.terminate();
    wss.close();
  };
}

function pageTokenFromProtocols(header: string | undefined): string | undefined {
  for (const p of (header ?? '').split(',')) {
    const t = p.trim();
    if (t.startsWith(PAGE_TOKEN_PROTOCOL_PREFIX)) return t.slice(PAGE_TOKEN_PROTOCOL_PREFIX.length);
  }
  return undefined;
}
