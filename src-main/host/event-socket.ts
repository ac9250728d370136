import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../app/event-bus';
import type { HostGuard } from './guard';

/** Push events over one WebSocket per page, after the same session and Origin checks as RPC. */
export function attachEventSocket(server: Server, guard: HostGuard, bus: EventBus): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/events' || !guard.hostAllowed(req) || !guard.originAllowed(req, true) || !guard.hasSession(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', () => undefined); // the page never sends; ignore rather than echo
    });
  });

  const off = bus.onAny((name, payload) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  return () => {
    off();
    for (const ws of clients) ws.terminate();
    wss.close();
  };
}
