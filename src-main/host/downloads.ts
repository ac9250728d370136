import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendText } from './headers';

interface Pending {
  name: string;
  type: string;
  body: Buffer;
  expires: number;
}

/**
 * One-shot downloads for the browser host (Electron uses a save dialog instead): a service registers a file and
 * gets an unguessable id; the page fetches /download/<id> once, within a few minutes.
 */
export class Downloads {
  private readonly pending = new Map<string, Pending>();

  add(name: string, type: string, body: Buffer, ttlMs = 5 * 60_000): string {
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, { name, type, body, expires: Date.now() + ttlMs });
    return id;
  }

  /** Removes and returns a registered file (the desktop app saves it through its save dialog instead). */
  take(id: string): { name: string; type: string; body: Buffer } | undefined {
    const file = this.pending.get(id);
    this.pending.delete(id);
    return file && file.expires >= Date.now() ? { name: file.name, type: file.type, body: file.body } : undefined;
  }

  serve(id: string, res: ServerResponse): void {
    const file = this.pending.get(id);
    this.pending.delete(id);
    if (!file || file.expires < Date.now()) return sendText(res, 404, 'This download has expired: export again.');
    const safeName = file.name.replace(/[^\w.@+-]+/g, '_');
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Content-Disposition': `attachment; filename="${safeName}"`,
    });
    res.end(file.body);
  }
}
