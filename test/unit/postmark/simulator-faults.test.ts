import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { accountClientFor, rejectionOf } from '../../support/postmark-sim/clients';

let sim: PostmarkSimulator;
beforeEach(async () => {
  sim = await startPostmarkSimulator();
});
afterEach(async () => {
  await sim.close();
});
const page = { count: 10, offset: 0 };

describe('simulator: faults', () => {
  it('answers an injected status the given number of times, then recovers', async () => {
    const client = accountClientFor(sim);
    sim.faults.next({ status: 429, times: 2 });
    expect((await rejectionOf(client.getServers(page))).name).toBe('RateLimitExceededError');
    expect((await rejectionOf(client.getServers(page))).statusCode).toBe(429);
    await expect(client.getServers(page)).resolves.toMatchObject({ TotalCount: 0 });
    expect(sim.faults.pending()).toBe(0);
  });

  it('maps 500 and 503 to the client classes and does not carry out the request', async () => {
    const client = accountClientFor(sim);
    sim.faults.next({ status: 503 });
    const down = await rejectionOf(client.createServer({ Name: 'X' }));
    expect([down.name, down.code]).toEqual(['ServiceUnavailablerError', 100]);
    sim.faults.next({ status: 500 });
    expect((await rejectionOf(client.createServer({ Name: 'X' }))).name).toBe('InternalServerError');
    expect(sim.state.servers).toHaveLength(0);
  });

  it('applies a fault only to matching paths', async () => {
    const client = accountClientFor(sim);
    sim.faults.next({ status: 503, match: /^POST \/domains/ });
    await expect(client.getDomains(page)).resolves.toBeTruthy();
    await expect(client.createServer({ Name: 'ok' })).resolves.toBeTruthy();
    expect((await rejectionOf(client.createDomain({ Name: 'x.test' }))).statusCode).toBe(503);
  });

  it('drops the connection: the client sees a network error; with processed the object still exists', async () => {
    const client = accountClientFor(sim);
    sim.faults.next({ drop: true });
    const lost = await rejectionOf(client.createServer({ Name: 'Lost' }));
    expect([lost.name, lost.statusCode, lost.code]).toEqual(['PostmarkError', 0, 0]);
    expect(sim.state.servers).toHaveLength(0);

    sim.faults.next({ drop: true, processed: true });
    await rejectionOf(client.createServer({ Name: 'Made' }));
    expect(sim.state.servers.map((s) => s.Name)).toEqual(['Made']);
  });

  it('delays beyond the client timeout: the client gives up, the request still takes effect', async () => {
    const client = accountClientFor(sim, sim.accountToken, 0.2);
    sim.faults.next({ delayMs: 1500 });
    const slow = await rejectionOf(client.createServer({ Name: 'Slow' }));
    expect(slow.message).toMatch(/timeout|aborted/i);
    expect(sim.state.servers.map((s) => s.Name)).toEqual(['Slow']);
  });

  it('a delay without processing does nothing once the client has gone', async () => {
    const client = accountClientFor(sim, sim.accountToken, 0.2);
    sim.faults.next({ delayMs: 600, processed: false });
    await rejectionOf(client.createServer({ Name: 'Never' }));
    await new Promise((r) => setTimeout(r, 800));
    expect(sim.state.servers).toHaveLength(0);
  });
});
