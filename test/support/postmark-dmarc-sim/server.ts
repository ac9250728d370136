import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { reportJsonFromXml } from './report-json';

/**
 * A loopback fake of Postmark's DMARC API (postmark-api.md §4): one monitoring record, its DNS snippet and
 * verification, and aggregate reports listed in pages linked by a relative meta.next_url. Realistic by default
 * (FIDELITY.md): a report download answers JSON (`records[]` + `source_uri`); `reportForm: 'redirect'` answers
 * 303 See Other to `source_uri`, and `'xml'` the raw XML when asked for XML. `source_uri` points at a second
 * loopback server (another origin, like a file store) that logs whether a token reached it.
 */

export interface SimReport {
  id: number;
  organizationName: string;
  externalId: string;
  domain: string;
  xml: string;
  /** Serve HTTP 500 for this report's download. */
  broken?: boolean;
}

export interface SimRequest {
  method: string;
  path: string;
  token: string | null;
  accept: string | null;
}

export type ReportForm = 'json' | 'redirect' | 'xml';

export interface PostmarkDmarcSim {
  url: string;
  requests: SimRequest[];
  /** Requests the file store behind source_uri received (another origin: must never see a token). */
  storeRequests: SimRequest[];
  reportForm: ReportForm;
  /** Set after createRecord, or seeded. */
  state: { token: string | null; email: string | null; domain: string | null; publicToken: string; published: boolean; reports: SimReport[] };
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

export async function startPostmarkDmarcSim(
  opts: { pageSize?: number; token?: string; domain?: string; reports?: SimReport[]; reportForm?: ReportForm; absoluteNextUrl?: boolean } = {},
): Promise<PostmarkDmarcSim> {
  const pageSize = opts.pageSize ?? 2;
  const state: PostmarkDmarcSim['state'] = {
    token: opts.token ?? null,
    email: opts.token ? 'dmarc@vendor.example' : null,
    domain: opts.domain ?? null,
    publicToken: 'pub' + randomUUID().slice(0, 8),
    published: false,
    reports: opts.reports ?? [],
  };
  const requests: SimRequest[] = [];
  const storeRequests: SimRequest[] = [];
  let origin = '';
  let storeOrigin = '';
  const sourceUri = (r: SimReport) => `${storeOrigin}/raw/${r.id}.xml`;
  const store = http.createServer((req, res) => {
    storeRequests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      token: (req.headers['x-api-token'] as string | undefined) ?? null,
      accept: req.headers.accept ?? null,
    });
    const r = state.reports.find((x) => req.url === `/raw/${x.id}.xml`);
    if (!r) return json(res, 404, { message: 'Not found' });
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    res.end(r.xml);
  });

  const record = () => ({
    domain: state.domain,
    public_token: state.publicToken,
    created_at: '2026-01-01T00:00:00Z',
    reporting_uri: `mailto:re+${state.publicToken}@dmarc.postmarkapp.com`,
    email: state.email,
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const token = (req.headers['x-api-token'] as string | undefined) ?? null;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, token, accept: req.headers.accept ?? null });

      if (req.method === 'POST' && url.pathname === '/records') {
        let body: { email?: unknown; domain?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return json(res, 400, { message: 'Malformed JSON' });
        }
        if (typeof body.email !== 'string' || typeof body.domain !== 'string' || !body.email.includes('@'))
          return json(res, 422, { message: 'email and domain are required' });
        state.email = body.email;
        state.domain = body.domain;
        state.token = randomUUID();
        return json(res, 200, { ...record(), private_token: state.token });
      }
      if (!url.pathname.startsWith('/records/my')) return json(res, 404, { message: 'Not found' });
      // The real service echoes nothing; this one echoes the bad token to prove the client redacts it.
      if (!state.token || token !== state.token) return json(res, 401, { message: `Invalid token ${token ?? ''}` });

      if (req.method === 'GET' && url.pathname === '/records/my') return json(res, 200, record());
      if (req.method === 'GET' && url.pathname === '/records/my/dns') {
        return json(res, 200, {
          name: `_dmarc.${state.domain}`,
          value: `v=DMARC1; p=none; pct=100; rua=mailto:re+${state.publicToken}@dmarc.postmarkapp.com; sp=none; aspf=r;`,
        });
      }
      if (req.method === 'POST' && url.pathname === '/records/my/verify') return json(res, 200, { verified: state.published });
      if (req.method === 'GET' && url.pathname === '/records/my/reports') {
        const after = Number(url.searchParams.get('after') ?? 0);
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 30), 50, pageSize);
        const all = state.reports.filter((r) => r.id > after);
        const page = all.slice(0, limit);
        const more = all.length > page.length;
        const last = page[page.length - 1];
        const nextQ = new URLSearchParams(url.searchParams);
        if (last) nextQ.set('after', String(last.id));
        return json(res, 200, {
          entries: page.map((r) => ({
            id: r.id,
            domain: r.domain,
            external_id: r.externalId,
            organization_name: r.organizationName,
            date_range_begin: '2026-01-01T00:00:00Z',
            date_range_end: '2026-01-02T00:00:00Z',
            created_at: '2026-01-02T01:00:00Z',
          })),
          meta: {
            total: state.reports.length,
            next: more && last ? last.id : null,
            next_url: more ? `${opts.absoluteNextUrl ? origin : ''}/records/my/reports?${nextQ.toString()}` : null,
          },
        });
      }
      const m = /^\/records\/my\/reports\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && m) {
        const r = state.reports.find((x) => x.id === Number(m[1]));
        if (!r) return json(res, 404, { message: 'Report not found' });
        if (r.broken) return json(res, 500, { message: 'Internal error' });
        if (sim.reportForm === 'redirect') {
          res.writeHead(303, { Location: sourceUri(r) });
          return res.end();
        }
        if (sim.reportForm === 'xml' && /xml/.test(req.headers.accept ?? '')) {
          res.writeHead(200, { 'Content-Type': 'application/xml' });
          return res.end(r.xml);
        }
        return json(res, 200, reportJsonFromXml(r.xml, { id: r.id, sourceUri: sourceUri(r) }));
      }
      return json(res, 404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  storeOrigin = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
  const close = (s: http.Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  const sim: PostmarkDmarcSim = {
    url: origin,
    requests,
    storeRequests,
    state,
    reportForm: opts.reportForm ?? 'json',
    close: async () => void (await Promise.all([close(server), close(store)])),
  };
  return sim;
}
