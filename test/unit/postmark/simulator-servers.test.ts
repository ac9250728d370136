import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { accountClientFor, rejectionOf, serverClientFor } from '../../support/postmark-sim/clients';

let sim: PostmarkSimulator;
beforeEach(async () => {
  sim = await startPostmarkSimulator({ accountToken: 'acct-token-1' });
});
afterEach(async () => {
  await sim.close();
});

describe('simulator: auth', () => {
  it('refuses a wrong account token with 401 / ErrorCode 10 and does not echo it', async () => {
    const err = await rejectionOf(accountClientFor(sim, 'not-the-token').getServers({ count: 10, offset: 0 }));
    expect(err.name).toBe('InvalidAPIKeyError');
    expect(err.statusCode).toBe(401);
    expect(err.code).toBe(10);
    expect(err.message).not.toContain('not-the-token');
  });

  it('refuses a server token on account endpoints and the account token on server endpoints', async () => {
    const created = await accountClientFor(sim).createServer({ Name: 'Acme' });
    const serverToken = created.ApiTokens[0]!;
    const viaAccount = await rejectionOf(accountClientFor(sim, serverToken).getDomains({ count: 10, offset: 0 }));
    expect([viaAccount.statusCode, viaAccount.code]).toEqual([401, 10]);
    expect(viaAccount.message).toMatch(/Account API token/);
    const viaServer = await rejectionOf(serverClientFor(sim, sim.accountToken).getServer());
    expect([viaServer.statusCode, viaServer.code]).toEqual([401, 10]);
    expect(viaServer.message).toMatch(/Server API token/);
    await expect(serverClientFor(sim, serverToken).getServer()).resolves.toMatchObject({ ID: created.ID, Name: 'Acme' });
  });
});

describe('simulator: servers', () => {
  it('creates, reads, edits, lists by name and deletes servers with Postmark field names', async () => {
    const client = accountClientFor(sim);
    const a = await client.createServer({ Name: 'Tenant Alpha', Color: 'blue' });
    const b = await client.createServer({ Name: 'Tenant Beta' });
    expect(a).toMatchObject({ Name: 'Tenant Alpha', Color: 'Blue', DeliveryType: 'Live', TrackLinks: 'None' });
    expect(a.ApiTokens).toHaveLength(1);
    expect(a.InboundAddress).toBe(`${a.InboundHash}@inbound.postmarkapp.com`);
    expect(b.ID).toBe(a.ID + 1);

    const edited = await client.editServer(a.ID, { Name: 'Tenant Alpha 2', TrackOpens: true });
    expect(edited).toMatchObject({ ID: a.ID, Name: 'Tenant Alpha 2', TrackOpens: true, Color: 'Blue' });
    expect((await client.getServer(b.ID)).Name).toBe('Tenant Beta');

    const filtered = await client.getServers({ count: 50, offset: 0, name: 'alpha' });
    expect(filtered.TotalCount).toBe(1);
    expect(filtered.Servers.map((s) => s.ID)).toEqual([a.ID]);

    const removed = await client.deleteServer(a.ID);
    expect(removed.ErrorCode).toBe(0);
    const gone = await rejectionOf(client.getServer(a.ID));
    expect([gone.statusCode, gone.code]).toEqual([422, 601]);
    expect(sim.state.servers.map((s) => s.Name)).toEqual(['Tenant Beta']);
  });

  it('refuses duplicate names (603), bad colours (607) and missing names (608)', async () => {
    const client = accountClientFor(sim);
    await client.createServer({ Name: 'Same' });
    const dup = await rejectionOf(client.createServer({ Name: 'same' }));
    expect([dup.name, dup.statusCode, dup.code]).toEqual(['ApiInputError', 422, 603]);
    expect((await rejectionOf(client.createServer({ Name: 'X', Color: 'Pink' }))).code).toBe(607);
    expect((await rejectionOf(client.createServer({ Name: '  ' }))).code).toBe(608);
    expect(sim.state.servers).toHaveLength(1);
  });

  it('pages with count/offset and refuses count over 500 with ErrorCode 600', async () => {
    const client = accountClientFor(sim);
    for (let i = 0; i < 5; i += 1) await client.createServer({ Name: `S${i}` });
    const page = await client.getServers({ count: 2, offset: 3 });
    expect(page.TotalCount).toBe(5);
    expect(page.Servers.map((s) => s.Name)).toEqual(['S3', 'S4']);
    const tooMany = await rejectionOf(client.getServers({ count: 501, offset: 0 }));
    expect([tooMany.statusCode, tooMany.code]).toEqual([422, 600]);
  });

  it('returns 604 when server deletion is not enabled', async () => {
    const client = accountClientFor(sim);
    const s = await client.createServer({ Name: 'Keep' });
    sim.state.serverDeletionEnabled = false;
    expect((await rejectionOf(client.deleteServer(s.ID))).code).toBe(604);
  });

  it('matches paths and query keys case-insensitively and tolerates trailing slashes', async () => {
    await accountClientFor(sim).createServer({ Name: 'Casey' });
    const res = await fetch(`${sim.url}/SERVERS/?Count=5&OFFSET=0&Name=cas`, {
      headers: { 'X-Postmark-Account-Token': sim.accountToken, Accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { TotalCount: number };
    expect(body.TotalCount).toBe(1);
  });

  it('requires count and offset on raw requests (postmark.js fills them in)', async () => {
    const res = await fetch(`${sim.url}/servers`, { headers: { 'X-Postmark-Account-Token': sim.accountToken } });
    expect(res.status).toBe(422);
    expect(res.headers.get('x-pm-apierrorcode')).toBe('600');
  });
});
