import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Looking for secrets in bytes. Each place scanned is recorded (with its size) so the suite can print what it
 * covered and fail with the place where a canary turned up.
 */
export class CanaryScanner {
  readonly places: { where: string; bytes: number }[] = [];
  readonly hits: string[] = [];
  constructor(private readonly canaries: () => string[]) {}

  scan(where: string, content: string | Buffer): void {
    const text = typeof content === 'string' ? content : content.toString('latin1');
    this.places.push({ where, bytes: text.length });
    for (const canary of this.canaries()) {
      // Also the forms a token takes when escaped or encoded on its way out.
      for (const form of [canary, Buffer.from(canary).toString('base64').slice(0, 24), encodeURIComponent(canary)]) {
        if (form.length >= 8 && text.includes(form)) this.hits.push(`${where}: ${canary.slice(0, 6)}…`);
      }
    }
  }

  scanFile(where: string, file: string): void {
    if (fs.existsSync(file)) this.scan(where, fs.readFileSync(file));
  }

  /** PDF text lives in Flate streams: scan them inflated too, not just the compressed bytes. */
  scanPdf(where: string, pdf: Buffer): void {
    this.scan(where, pdf);
    const raw = pdf.toString('latin1');
    const re = /stream\r?\n/g;
    let m: RegExpExecArray | null;
    let inflated = 0;
    while ((m = re.exec(raw))) {
      const start = m.index + m[0].length;
      const end = raw.indexOf('endstream', start);
      if (end < 0) break;
      try {
        this.scan(`${where} (stream ${inflated})`, zlib.inflateSync(pdf.subarray(start, end)));
        inflated += 1;
      } catch {
        // not a Flate stream (images, fonts in other encodings): the raw scan above covers it
      }
    }
  }

  totalBytes(): number {
    return this.places.reduce((sum, p) => sum + p.bytes, 0);
  }
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TOKEN_HEADER = /(X-Postmark-Server-Token|X-Postmark-Account-Token|Postmark-Server-Token|Account-Token)/gi;

/** Second line of defence: a UUID-shaped value within 120 characters of a Postmark token header name. */
export function tokenLikeNearHeaders(text: string): { headers: number; suspicious: string[] } {
  const suspicious: string[] = [];
  let headers = 0;
  for (const m of text.matchAll(TOKEN_HEADER)) {
    headers += 1;
    const around = text.slice(Math.max(0, m.index - 120), m.index + m[0].length + 120);
    if (UUID.test(around)) suspicious.push(around);
  }
  return { headers, suspicious };
}
