import { execFileSync } from 'node:child_process';
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

  /**
   * PDF text is drawn as glyph ids of embedded fonts, so neither the file's bytes nor its inflated streams show it:
   * scan the text as a reader gets it (pdftotext), plus the raw and inflated bytes for metadata and the rest.
   */
  scanPdf(where: string, pdf: Buffer): void {
    this.scan(`${where} (text)`, pdfText(pdf));
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

  /**
   * Fails when a channel the suite claims to cover was not scanned with some content: a scan that never ran
   * finds nothing, and must not count as "no token there".
   */
  assertCovered(channels: readonly string[]): void {
    const missing = channels.filter((c) => !this.places.some((p) => p.where.startsWith(c) && p.bytes > 0));
    if (missing.length) throw new Error(`The token scan did not cover: ${missing.join(', ')}`);
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

/** The text a reader sees in a PDF (poppler's pdftotext, installed by the test preflight). */
export function pdfText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  } catch (err) {
    throw new Error(`pdftotext could not read the PDF (is poppler-utils installed? npm test installs it): ${(err as Error).message}`);
  }
}
