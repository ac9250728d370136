import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendText } from './headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer. The decoded path is resolved and must stay inside the root (no `..`, no
 * absolute paths, no NUL); anything unknown falls back to index.html so hash routes work.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return sendText(res, 400, 'Bad path.');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return sendText(res, 400, 'Bad path.');
  const rootResolved = path.resolve(root);
  const target = path.resolve(rootResolved, '.' + path.posix.normalize('/' + decoded));
  if (target !== rootResolved && !target.startsWith(rootResolved + path.sep)) return sendText(res, 403, 'Forbidden.');
  let file = target;
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(decoded)) return sendText(res, 404, 'Not found.');
    file = path.join(rootResolved, 'index.html');
  }
  if (!fs.existsSync(file)) return sendText(res, 500, 'The console is not built: run `npm run build`.');
  const body = fs.readFileSync(file);
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
  res.end(body);
}
