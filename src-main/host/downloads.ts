import type { ServerResponse } from 'node:http';
import type { Downloads } from '../core/downloads';
import { sendText } from './headers';

/** Serves a registered one-shot download at /download/<id> (once, within its time), or says it has expired. */
export function serveDownload(downloads: Downloads, id: string, res: ServerResponse): void {
  const file = downloads.take(id);
  if (!file) return sendText(res, 404, 'This download has expired: export again.');
  const safeName = file.name.replace(/[^\w.@+-]+/g, '_');
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': file.body.length,
    'Content-Disposition': `attachment; filename="${safeName}"`,
  });
  res.end(file.body);
}
