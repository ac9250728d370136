import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostmarkGateway, PostmarkGatewayError, type PostmarkGateway } from '../../../src-main/postmark';
import { createFakeResolver, startPostmarkSimulator, type FakeResolver, type PostmarkSimulator } from '../../support/postmark-sim';

let sim: PostmarkSimulator;
let dns: FakeResolver;
let gw: PostmarkGateway;
let sleeps: number[];

beforeEach(async () => {
  dns = createFakeResolver();
  sim = await startPostmarkSimulator({ resolver: dns });
  sleeps = [];
  gw = createPostmarkGateway({
    accountToken: sim.accountToken,
    endpoint: sim.url,
    timeoutSeconds: 5,
    retry: { attempts: 3, baseMs: 10, maxMs: 40 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
});
afterEach(async () => {
  await sim.close();
});

async function failure(promise: Promise<unknown>): Promise<PostmarkGatewayError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PostmarkGatewayError);
    return err as PostmarkGatewayError;
  }
  throw new Error('expected a failure');
}

describe('gateway: account objects', () => {
  it('creates, reads, edits and deletes servers, domains and senders through the official client', async () => {
    const server = await gw.createServer({ Name: 'Tenant One' });
    expect((await gw.getServer(server.ID)).Name).toBe('Tenant One');
    expect((await gw.editServer(server.ID, { Color: 'Green' })).Color).toBe('Green');

    const domain = await gw.createDomain({ Name: 'tenant.test', ReturnPathDomain: 'pm-bounces.tenant.test' });
    dns.setTxt(domain.DKIMPendingHost, [domain.DKIMPendingTextValue]);
    dns.setCname('pm-bounces.tenant.test', 'pm.mtasv.net');
    expect((await gw.verifyDkim(domain.ID)).DKIMVerified).toBe(true);
    expect((await gw.verifyReturnPath(domain.ID)).ReturnPathDomainVerified).toBe(true);
    expect((await gw.rotateDkim(domain.ID)).DKIMUpdateStatus).toBe('Pending');
    expect((await gw.editDomain(domain.ID, { ReturnPathDomain: 'rp.tenant.test' })).ReturnPathDomainVerified).toBe(false);

    const sender = await gw.createSender({ FromEmail: 'billing@tenant.test', Name: 'Billing' });
    expect((await gw.resendConfirmation(sender.ID)).ErrorCode).toBe(0);
    expect((await gw.editSender(sender.ID, { Name: 'Billing Team' })).Name).toBe('Billing Team');
    expect((await gw.getSender(sender.ID)).Confirmed).toBe(false);

    await gw.deleteSender(sender.ID);
    await gw.deleteDomain(domain.ID);
    await gw.deleteServer(server.ID);
    expect([sim.state.servers.length, sim.state.domains.length, sim.state.senders.length]).toEqual([0, 0, 0]);
    expect((await failure(gw.getDomain(domain.ID))).code).toBe('postmark.not-found');
  });

  it('lists every page (more than 500 servers) and filters by name', async () => {
    const names = Array.from({ length: 503 }, (_, i) => `srv-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((Name) => gw.createServer({ Name })));
    const all = await gw.listAllServers();
    expect(all).toHaveLength(503);
    expect(new Set(all.map((s) => s.ID)).size).toBe(503);
    expect(sim.state.requests.filter((r) => r.path.startsWith('/servers?')).map((r) => r.path)).toEqual([
      '/servers?count=500&offset=0',
      '/servers?count=500&offset=500',
    ]);
    expect((await gw.listAllServers({ name: 'srv-50' })).map((s) => s.Name)).toEqual(['srv-500', 'srv-501', 'srv-502']);
  });

  it('maps input errors with hints and does not retry them', async () => {
    await gw.createDomain({ Name: 'once.test' });
    const dup = await failure(gw.createDomain({ Name: 'once.test' }));
    expect([dup.code, dup.postmarkCode, dup.httpStatus, dup.retryable]).toEqual(['postmark.already-exists', 512, 422, false]);
    expect(dup.hint).toMatch(/adopt/);
    const pub = await failure(gw.createSender({ FromEmail: 'me@gmail.com', Name: 'Me' }));
    expect([pub.code, pub.postmarkCode]).toEqual(['postmark.invalid', 503]);
    expect(pub.hint).toMatch(/option 3/);
    const rp = await failure(gw.createDomain({ Name: 'rp.test', ReturnPathDomain: 'bounce.other.test' }));
    expect(rp.postmarkCode).toBe(522);
    expect(sleeps).toEqual([]);
  });

  it('refuses a wrong account token once, without retrying or echoing the token', async () => {
    const bad = createPostmarkGateway({
      accountToken: 'wrong-token-12345',
      endpoint: sim.url,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const err = await failure(bad.listAllDomains());
    expect([err.code, err.postmarkCode, err.httpStatus, err.retryable]).toEqual(['postmark.unauthorized', 10, 401, false]);
    expect(err.hint).toMatch(/account token in Settings/);
    expect(`${err.message} ${err.hint}`).not.toContain('wrong-token-12345');
    expect(sim.state.requests).toHaveLength(1);
    const none = createPostmarkGateway({ accountToken: () => undefined, endpoint: sim.url });
    expect((await failure(none.listAllServers())).code).toBe('postmark.unauthorized');
  });
});

describe('gateway: faults', () => {
  it('retries a 429 with backoff, then succeeds', async () => {
    sim.faults.next({ status: 429, times: 2 });
    await expect(gw.listAllDomains()).resolves.toEqual([]);
    expect(sim.state.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThanOrEqual(sleeps[0]! / 2);
  });

  it('gives up after the attempts on a lasting 503 with a retryable error', async () => {
    sim.faults.next({ status: 503, times: 10 });
    const err = await failure(gw.createServer({ Name: 'Down' }));
    expect([err.code, err.retryable, err.postmarkCode, err.httpStatus]).toEqual(['postmark.unavailable', true, 100, 503]);
    expect(sim.state.requests).toHaveLength(3);
    expect(sim.state.servers).toHaveLength(0);
  });

  it('retries a 500 as server-error', async () => {
    sim.faults.next({ status: 500 });
    await expect(gw.createServer({ Name: 'Flaky' })).resolves.toMatchObject({ Name: 'Flaky' });
    expect(sim.state.servers).toHaveLength(1);
  });

  it('retries a dropped connection and succeeds', async () => {
    sim.faults.next({ drop: true });
    await expect(gw.createDomain({ Name: 'dropped.test' })).resolves.toMatchObject({ Name: 'dropped.test' });
    expect(sim.state.domains).toHaveLength(1);
    expect(sim.state.requests.map((r) => r.status)).toEqual([0, 200]);
    expect(sleeps).toHaveLength(1);
  });

  it('reports a lasting outage as postmark.offline', async () => {
    sim.faults.next({ drop: true, times: 5 });
    const err = await failure(gw.getServer(1));
    expect([err.code, err.retryable, err.httpStatus]).toEqual(['postmark.offline', true, 0]);
  });

  it('turns a reply slower than the timeout into postmark.timeout', async () => {
    const slow = createPostmarkGateway({
      accountToken: sim.accountToken,
      endpoint: sim.url,
      timeoutSeconds: 0.2,
      retry: { attempts: 1, baseMs: 1, maxMs: 1 },
    });
    sim.faults.next({ delayMs: 1500 });
    const err = await failure(slow.listAllSenders());
    expect([err.code, err.retryable]).toEqual(['postmark.timeout', true]);
    expect(err.message).toMatch(/0\.2 s/);
  });

  it('reports an unreachable endpoint as offline', async () => {
    const port = sim.port;
    await sim.close();
    const gone = createPostmarkGateway({
      accountToken: 't',
      endpoint: `http://127.0.0.1:${port}`,
      retry: { attempts: 2, baseMs: 1, maxMs: 1 },
      sleep: async () => {},
    });
    expect((await failure(gone.listAllServers())).code).toBe('postmark.offline');
    sim = await startPostmarkSimulator();
  });
});
