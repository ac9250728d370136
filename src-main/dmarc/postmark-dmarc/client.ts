import { z } from 'zod';
import { BehalfError } from '../../../src-preload/api/errors';

/**
 * A small client for Postmark's DMARC monitoring API (postmark-api.md §4), separate from the main Postmark API.
 * The private token goes only into the X-Api-Token header: it never appears in an error, a log or a return
 * value other than createRecord's (which the caller must put straight into the vault).
 */

export const POSTMARK_DMARC_DEFAULT_URL = 'https://dmarc.postmarkapp.com';

export interface PostmarkDmarcClientOptions {
  /** Env BEHALF_POSTMARK_DMARC_URL, else the default; tests point it at the loopback simulator. */
  baseUrl: string;
  /** Reads the private token when a call needs it (from the vault). */
  token: () => string | undefined;
  fetch?: typeof fetch;
  /** Per request; a stuck server must not hang a pull. */
  timeoutMs?: number;
}

const recordSchema = z.object({
  domain: z.string(),
  public_token: z.string().optional(),
  created_at: z.string().optional(),
  reporting_uri: z.string(),
  email: z.string(),
});
const createdSchema = recordSchema.extend({ private_token: z.string().min(1) });
const dnsSchema = z.object({ name: z.string().optional(), value: z.string() });
const verifySchema = z.object({ verified: z.boolean() });
const entrySchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  domain: z.string().optional(),
  external_id: z.string().nullish(),
  organization_name: z.string().nullish(),
  date_range_begin: z.string().nullish(),
  date_range_end: z.string().nullish(),
  created_at: z.string().nullish(),
});
const listSchema = z.object({
  entries: z.array(entrySchema),
  meta: z.object({ total: z.number().optional(), next: z.union([z.number(), z.string()]).nullish(), next_url: z.string().nullish() }).optional(),
});

export type PostmarkDmarcRecord = z.infer<typeof recordSchema>;
export type PostmarkDmarcReportEntry = z.infer<typeof entrySchema>;

/** Every page of a listing; a server that keeps handing out pages is cut off here. */
const MAX_PAGES = 200;

export function createPostmarkDmarcClient(opts: PostmarkDmarcClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);

  function authHeader(): Record<string, string> {
    const token = opts.token();
    if (!token)
      throw new BehalfError(
        'postmark-dmarc.no-token',
        'There is no Postmark DMARC token yet.',
        'Create the monitoring record first (it returns the token), or paste the token you were given.',
      );
    return { 'X-Api-Token': token };
  }

  async function call(method: string, pathOrUrl: string, init: { auth: boolean; body?: unknown; accept?: string }): Promise<Response> {
    // next_url may be absolute; it must stay on the configured host so the token is never sent elsewhere.
    const url = new URL(pathOrUrl.replace(/^\//, ''), base);
    if (url.origin !== base.origin)
      throw new BehalfError(
        'postmark-dmarc.bad-response',
        'Postmark DMARC pointed to another server; the call was not made.',
        'Check BEHALF_POSTMARK_DMARC_URL.',
      );
    const headers: Record<string, string> = { Accept: init.accept ?? 'application/json', ...(init.auth ? authHeader() : {}) };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new BehalfError(
        'postmark-dmarc.unreachable',
        timeout ? `Postmark DMARC did not answer at ${base.origin}.` : `Cannot reach Postmark DMARC at ${base.origin}.`,
        'Check the network (or BEHALF_POSTMARK_DMARC_URL) and try again.',
      );
    }
    // A 303 See Other (listed in the API docs) is the caller's to follow: fetch must not carry the token along.
    if (res.ok || (res.status >= 300 && res.status < 400 && res.headers.get('location'))) return res;
    const body = await errorBody(res);
    // Postmark DMARC answers errors as JSON with a `message`; an HTML page or nothing is a proxy or a wrong URL.
    if (body === undefined) {
      throw new BehalfError(
        'postmark-dmarc.endpoint',
        `Postmark DMARC did not answer this (HTTP ${res.status} from ${base.origin}, not its JSON).`,
        'Check BEHALF_POSTMARK_DMARC_URL (default https://dmarc.postmarkapp.com) and any proxy in between.',
      );
    }
    const message = redact(body.message, opts.token());
    if (res.status === 401 || res.status === 403)
      throw new BehalfError('postmark-dmarc.unauthorized', 'Postmark DMARC refused the token.', 'The token may have been rotated; paste the current one.');
    if (res.status === 404)
      throw new BehalfError(
        'postmark-dmarc.not-found',
        `Postmark DMARC has no such ${pathOrUrl.includes('/reports/') ? 'report' : 'record'}.`,
        'Create the monitoring record first.',
      );
    if (res.status === 422 || res.status === 400)
      throw new BehalfError(
        'postmark-dmarc.invalid',
        `Postmark DMARC refused the request: ${message ?? `HTTP ${res.status}`}.`,
        'Check the e-mail address and domain.',
      );
    throw new BehalfError('postmark-dmarc.server-error', `Postmark DMARC answered HTTP ${res.status}${message ? `: ${message}` : ''}.`, 'Try again later.');
  }

  async function json<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success)
      throw new BehalfError(
        'postmark-dmarc.bad-response',
        'Postmark DMARC answered in an unexpected shape.',
        'Try again later; if it repeats, the API may have changed.',
      );
    return parsed.data;
  }

  return {
    baseUrl: base.origin,

    /** POST /records (no auth). The private token is returned once: put it in the vault, never show it. */
    async createRecord(email: string, domain: string) {
      const r = await json(await call('POST', '/records', { auth: false, body: { email, domain } }), createdSchema);
      const { private_token: privateToken, ...record } = r;
      return { record, privateToken };
    },

    async record(): Promise<PostmarkDmarcRecord> {
      return json(await call('GET', '/records/my', { auth: true }), recordSchema);
    },

    /** The TXT record Postmark asks for, with its reporting address. */
    async dns(): Promise<{ name: string | null; value: string }> {
      const r = await json(await call('GET', '/records/my/dns', { auth: true }), dnsSchema);
      return { name: r.name ?? null, value: r.value };
    },

    async verify(): Promise<{ verified: boolean }> {
      return json(await call('POST', '/records/my/verify', { auth: true }), verifySchema);
    },

    /** Every report entry in the range, following meta.next_url until `next` is null. */
    async listReports(range: { fromDate?: string; toDate?: string } = {}, signal?: AbortSignal): Promise<PostmarkDmarcReportEntry[]> {
      const q = new URLSearchParams({ limit: '50' });
      if (range.fromDate) q.set('from_date', range.fromDate);
      if (range.toDate) q.set('to_date', range.toDate);
      const out: PostmarkDmarcReportEntry[] = [];
      let next: string | null = `/records/my/reports?${q.toString()}`;
      for (let page = 0; next !== null; page++) {
        if (page >= MAX_PAGES)
          throw new BehalfError('postmark-dmarc.too-many-pages', `Postmark DMARC kept paging past ${MAX_PAGES} pages.`, 'Pull a shorter date range.');
        if (signal?.aborted) throw new BehalfError('postmark-dmarc.cancelled', 'The pull was cancelled.');
        const r: z.infer<typeof listSchema> = await json(await call('GET', next, { auth: true }), listSchema);
        out.push(...r.entries);
        next = r.meta?.next !== null && r.meta?.next !== undefined && r.meta.next_url ? r.meta.next_url : null;
      }
      return out;
    },

    /**
     * One aggregate report, in whichever form Postmark DMARC answers: JSON (records[], what community clients
     * read), raw XML, or a 303 See Other to the raw file (`source_uri`). Redirects are followed by hand so the
     * token goes only to the configured host.
     */
    async report(id: string): Promise<DownloadedReport> {
      const res = await call('GET', `/records/my/reports/${encodeURIComponent(id)}`, { auth: true, accept: 'application/json' });
      return readReport(res, (url) => follow(url));
    },
  };

  /** A redirect or a source_uri: the token only if it stays on the configured host; a few hops at most. */
  async function follow(target: string, hops = 0): Promise<Response> {
    if (hops >= 3) throw new BehalfError('postmark-dmarc.bad-response', 'Postmark DMARC redirected too many times.', 'Try again later.');
    const url = new URL(target, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new BehalfError('postmark-dmarc.bad-response', 'Postmark DMARC pointed to a non-web address.', 'Try again later.');
    const sameHost = url.origin === base.origin;
    const headers: Record<string, string> = { Accept: 'application/json, application/xml;q=0.9, */*;q=0.5', ...(sameHost ? authHeader() : {}) };
    let res: Response;
    try {
      res = await doFetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000) });
    } catch {
      throw new BehalfError('postmark-dmarc.unreachable', `Cannot download the report from ${url.origin}.`, 'Check the network and try again.');
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) return follow(new URL(location, url).toString(), hops + 1);
    if (!res.ok)
      throw new BehalfError('postmark-dmarc.server-error', `Downloading the report from ${url.origin} answered HTTP ${res.status}.`, 'Try again later.');
    return res;
  }
}

export type DownloadedReport = { kind: 'json'; report: unknown } | { kind: 'file'; bytes: Buffer; ext: '.xml' | '.xml.gz' | '.zip' };

/** JSON with records → the JSON report; JSON with only source_uri → the raw file there; else the raw bytes. */
async function readReport(res: Response, follow: (url: string) => Promise<Response>): Promise<DownloadedReport> {
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) return readReport(await follow(location), follow);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { kind: 'file', bytes, ext: '.xml.gz' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { kind: 'file', bytes, ext: '.zip' };
  const head = bytes.subarray(0, 64).toString('utf8').trimStart();
  if (!head.startsWith('{')) return { kind: 'file', bytes, ext: '.xml' };
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BehalfError('postmark-dmarc.bad-response', 'Postmark DMARC answered a report that is not valid JSON.', 'Try again later.');
  }
  const r = body as { records?: unknown; source_uri?: unknown };
  if (!Array.isArray(r.records) && typeof r.source_uri === 'string' && r.source_uri !== '') return readReport(await follow(r.source_uri), follow);
  return { kind: 'json', report: body };
}

export type PostmarkDmarcClient = ReturnType<typeof createPostmarkDmarcClient>;

/** A server message that echoes the token must not carry it into an error a person sees. */
function redact(message: string | undefined, token: string | undefined): string | undefined {
  return message && token ? message.split(token).join('[token]') : message;
}

/** The JSON error body's message; undefined when the body is not JSON at all (not Postmark DMARC speaking). */
async function errorBody(res: Response): Promise<{ message: string | undefined } | undefined> {
  const body = (await res.json().catch(() => undefined)) as { message?: unknown; Message?: unknown } | null | undefined;
  if (body === undefined || body === null || typeof body !== 'object') return undefined;
  const m = body.message ?? body.Message;
  return { message: typeof m === 'string' ? m.slice(0, 300) : undefined };
}
