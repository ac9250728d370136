/** Just enough RFC 2045/2046/2183 header parsing to find report attachments in an e-mail. Pure. */

export interface ContentType {
  /** Lower-cased `type/subtype`; `text/plain` when absent, as RFC 2045 says. */
  type: string;
  params: Record<string, string>;
}

/** Unfolds a header block (continuation lines start with space or tab) into lower-cased name → value. */
export function parseHeaders(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence wins: later duplicates are usually forged or added by relays.
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

/** `multipart/mixed; boundary="abc"` → { type, params }. Handles quoted values and RFC 2231 `name*=`. */
export function parseContentType(value: string | undefined): ContentType {
  if (!value) return { type: 'text/plain', params: {} };
  const [type = '', ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    let name = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    if (name.endsWith('*')) {
      // RFC 2231: charset'lang'percent-encoded. Good enough for file names, which is all we use it for.
      name = name.slice(0, -1);
      const m = /^[^']*'[^']*'(.*)$/.exec(v);
      try {
        v = decodeURIComponent(m ? (m[1] ?? '') : v);
      } catch {
        /* keep as written */
      }
    }
    params[name] = v;
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

/** Splits on `;` outside double quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export interface PartInfo {
  contentType: ContentType;
  encoding: string;
  filename: string;
}

export function partInfo(headers: Map<string, string>): PartInfo {
  const contentType = parseContentType(headers.get('content-type'));
  const disposition = parseContentType(headers.get('content-disposition'));
  return {
    contentType,
    encoding: (headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase(),
    filename: disposition.params.filename ?? contentType.params.name ?? '',
  };
}

const REPORT_TYPES = new Set([
  'application/gzip', 'application/x-gzip', 'application/zip', 'application/x-zip', 'application/x-zip-compressed',
  'application/xml', 'text/xml', 'application/octet-stream',
]);

/** Could this leaf part be a DMARC report? (RFC 9990: application/gzip or text/xml; reporters also use zip.) */
export function isReportCandidate(part: PartInfo): boolean {
  if (/\.(xml|gz|gzip|zip)$/i.test(part.filename)) return true;
  if (part.contentType.type === 'application/octet-stream') return part.filename === '';
  return REPORT_TYPES.has(part.contentType.type);
}
