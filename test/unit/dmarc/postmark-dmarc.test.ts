import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostmarkDmarcClient } from '../../../src-main/dmarc/postmark-dmarc/client';
import { pullPostmarkDmarcReports } from '../../../src-main/dmarc/postmark-dmarc/pull';
import { reportXml } from '../../support/dmarc/report-builder';
import { startPostmarkDmarcSim, type PostmarkDmarcSim, type SimReport } from '../../support/postmark-dmarc-sim/server';
import { tempServices } from '../../support/temp';

/** The Postmark DMARC client over real HTTP against the loopback simulator, importing into a real ledger. */

let sim: PostmarkDmarcSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function simReport(id: number, org: string, day: string, extra: Partial<SimReport> = {}): SimReport {
  const externalId = `${org}-${id}`;
  return {
    id,
    organizationName: org,
    externalId,
    domain: 'acme.com',
    xml: reportXml({ org, reportId: externalId, domain: 'acme.com', begin: day, rows: [{ ip: '198.51.100.10', count: 10 * id, dkim: 'pass', spf: 'pass' }] }),
    ...extra,
  };
}

describe('Postmark DMARC client', () => {
  it('creates the record without auth, then reads the DNS snippet and verifies with the private token', async () => {
    sim = await startPostmarkDmarcSim();
    const vault: { token?: string } = {};
    const client = createPostmarkDmarcClient({ baseUrl: sim.url, token: () => vault.token });
    await expect(client.dns()).rejects.toMatchObject({ code: 'postmark-dmarc.no-token' });
    expect(sim.requests).toEqual([]); // no token, no request

    const created = await client.createRecord('dmarc@vendor.example', 'acme.com');
    expect(created.privateToken).toBe(sim.state.token);
    expect(created.record).toMatchObject({
      domain: 'acme.com',
      email: 'dmarc@vendor.example',
      reporting_uri: `mailto:re+${sim.state.publicToken}@dmarc.postmarkapp.com`,
    });
    expect(JSON.stringify(created.record)).not.toContain(created.privateToken);
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/records', token: null });

    vault.token = created.privateToken;
    expect(await client.dns()).toEqual({
      name: '_dmarc.acme.com',
      value: expect.stringMatching(/^v=DMARC1; p=none; .*rua=mailto:re\+.+@dmarc\.postmarkapp\.com/),
    });
    expect(await client.verify()).toEqual({ verified: false });
    sim.state.published = true;
    expect(await client.verify()).toEqual({ verified: true });
    expect(await client.record()).toMatchObject({ domain: 'acme.com' });
    expect(sim.requests.slice(1).every((r) => r.token === created.privateToken)).toBe(true);
  });

  it('maps refusals to BehalfErrors that never carry the token', async () => {
    sim = await startPostmarkDmarcSim({ token: 'right-token', domain: 'acme.com' });
    const wrong = createPostmarkDmarcClient({ baseUrl: sim.url, token: () => 'secret-wrong-token' });
    const err = await wrong.dns().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'postmark-dmarc.unauthorized' });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toContain('secret-wrong-token');
    await expect(createPostmarkDmarcClient({ baseUrl: sim.url, token: () => undefined }).createRecord('not-an-address', 'acme.com')).rejects.toMatchObject({
      code: 'postmark-dmarc.invalid',
      message: /email and domain are required/,
    });
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(createPostmarkDmarcClient({ baseUrl: `http://127.0.0.1:${port}`, token: () => 'x' }).dns()).rejects.toMatchObject({
      code: 'postmark-dmarc.unreachable',
    });
  });

  it('lists every report by following next_url, and pulls them into the ledger once', async () => {
    const reports = [1, 2, 3, 4, 5].map((i) => simReport(i, i % 2 ? 'google.com' : 'yahoo.com', `2026-01-0${i}`, i === 4 ? { broken: true } : {}));
    sim = await startPostmarkDmarcSim({ token: 'tok-1', domain: 'acme.com', reports, pageSize: 2 });
    const client = createPostmarkDmarcClient({ baseUrl: `${sim.url}/`, token: () => 'tok-1' });

    const listed = await client.listReports({ fromDate: '2026-01-01' });
    expect(listed.map((e) => e.id)).toEqual(['1', '2', '3', '4', '5']);
    const pages = sim.requests.filter((r) => r.path.startsWith('/records/my/reports?'));
    expect(pages.map((r) => r.path)).toEqual([
      '/records/my/reports?limit=50&from_date=2026-01-01',
      '/records/my/reports?limit=50&from_date=2026-01-01&after=2',
      '/records/my/reports?limit=50&from_date=2026-01-01&after=4',
    ]);

    const s = tempServices();
    const first = await pullPostmarkDmarcReports(s.db, client, { batchSize: 2 });
    expect(first).toMatchObject({ listed: 5, imported: 4, duplicates: 0, records: 4, messages: 10 + 20 + 30 + 50 });
    expect(first.errors).toEqual([
      { file: 'postmark-dmarc-4.xml', code: 'postmark-dmarc.server-error', message: expect.stringMatching(/HTTP 500/), hint: expect.any(String) },
    ]);
    // Asked the way community clients ask (JSON), and read through the JSON adapter.
    expect(sim.requests.filter((r) => /\/reports\/\d+$/.test(r.path)).every((r) => r.accept === 'application/json')).toBe(true);
    await expect(s.dmarc.sources({ domain: 'acme.com', resolvePtr: false })).resolves.toMatchObject({ messages: 110 });

    // Again, with report 4 repaired: the four already in the ledger are not downloaded a second time.
    reports[3]!.broken = false;
    const before = sim.requests.length;
    const second = await pullPostmarkDmarcReports(s.db, client);
    expect(second).toMatchObject({ listed: 5, imported: 1, duplicates: 4, messages: 40, errors: [] });
    expect(
      sim.requests
        .slice(before)
        .filter((r) => /\/reports\/\d+$/.test(r.path))
        .map((r) => r.path),
    ).toEqual(['/records/my/reports/4']);
  });

  it('refuses a next_url on another server, so the token is never sent there', async () => {
    let otherHit = false;
    const other = http.createServer((_req, res) => ((otherHit = true), res.end('{}')));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const liar = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ entries: [], meta: { next: 2, next_url: `http://127.0.0.1:${(other.address() as AddressInfo).port}/records/my/reports?after=2` } }),
      );
    });
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
    try {
      const client = createPostmarkDmarcClient({ baseUrl: `http://127.0.0.1:${(liar.address() as AddressInfo).port}`, token: () => 'tok' });
      await expect(client.listReports()).rejects.toMatchObject({ code: 'postmark-dmarc.bad-response' });
      expect(otherHit).toBe(false);
    } finally {
      await new Promise<void>((r) => liar.close(() => r()));
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('reads a JSON report (records[], metadata) into the same store, and counts it once when the XML turns up later', async () => {
    const report = simReport(7, 'google.com', '2026-01-07', {
      xml: reportXml({
        org: 'google.com',
        reportId: 'google.com-7',
        domain: 'acme.com',
        begin: '2026-01-07',
        policy: { p: 'quarantine', adkim: 's' },
        rows: [
          {
            ip: '198.51.100.10',
            count: 12,
            dkim: 'pass',
            spf: 'pass',
            dkimAuth: [
              { domain: 'acme.com', result: 'pass' },
              { domain: 'pm.mtasv.net', result: 'pass' },
            ],
          },
          { ip: '203.0.113.9', count: 3, dkim: 'fail', spf: 'fail', disposition: 'quarantine' },
        ],
      }),
    });
    sim = await startPostmarkDmarcSim({ token: 'tok', domain: 'acme.com', reports: [report] });
    const client = createPostmarkDmarcClient({ baseUrl: sim.url, token: () => 'tok' });
    const got = await client.report('7');
    expect(got).toMatchObject({ kind: 'json', report: { external_id: 'google.com-7', source_uri: expect.any(String), records: expect.any(Array) } });

    const s = tempServices();
    const pulled = await pullPostmarkDmarcReports(s.db, client);
    // Two flat rows of one record (two DKIM results) are one record, its count taken once.
    expect(pulled).toMatchObject({ listed: 1, imported: 1, records: 2, messages: 15, errors: [] });
    const sources = await s.dmarc.sources({ domain: 'acme.com', resolvePtr: false });
    expect(sources).toMatchObject({ messages: 15 });

    // The same report as an XML file (e.g. from the rua mailbox) is the same report: a duplicate, not a second one.
    const { importUploads } = await import('../../../src-main/dmarc/upload-import');
    const asXml = await importUploads(s.db, [{ name: 'google.xml', base64: Buffer.from(report.xml).toString('base64') }]);
    expect(asXml).toMatchObject({ imported: 0, duplicates: 1 });
    expect(await s.dmarc.sources({ domain: 'acme.com', resolvePtr: false })).toMatchObject({ messages: 15 });
  });

  it('follows a 303 See Other to source_uri on another host without sending the token there', async () => {
    sim = await startPostmarkDmarcSim({ token: 'secret-tok', domain: 'acme.com', reports: [simReport(1, 'yahoo.com', '2026-01-01')], reportForm: 'redirect' });
    const client = createPostmarkDmarcClient({ baseUrl: sim.url, token: () => 'secret-tok' });
    const s = tempServices();
    expect(await pullPostmarkDmarcReports(s.db, client)).toMatchObject({ imported: 1, messages: 10, errors: [] });
    expect(sim.storeRequests).toHaveLength(1);
    expect(sim.storeRequests[0]!.token).toBeNull();
  });

  it('follows relative and absolute next_url alike', async () => {
    for (const absoluteNextUrl of [false, true]) {
      sim = await startPostmarkDmarcSim({
        token: 't',
        domain: 'acme.com',
        reports: [1, 2, 3].map((i) => simReport(i, 'google.com', `2026-01-0${i}`)),
        pageSize: 1,
        absoluteNextUrl,
      });
      const client = createPostmarkDmarcClient({ baseUrl: sim.url, token: () => 't' });
      expect((await client.listReports()).map((e) => e.id)).toEqual(['1', '2', '3']);
      await sim.close();
      sim = undefined;
    }
  });

  it('tells a proxy page (HTML 404) from Postmark DMARC saying "no such record"', async () => {
    const proxy = http.createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body>Not Found</body></html>');
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const client = createPostmarkDmarcClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, token: () => 'tok' });
      await expect(client.record()).rejects.toMatchObject({ code: 'postmark-dmarc.endpoint', hint: expect.stringMatching(/BEHALF_POSTMARK_DMARC_URL/) });
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});
