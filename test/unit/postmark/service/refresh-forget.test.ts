import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../src-main/app/handlers';
import { serviceHarness, type ServiceHarness } from './harness';

let h: ServiceHarness;
afterEach(async () => h?.close());

describe('Refresh confirmation (option 2) when objects vanish', () => {
  it('asks before forgetting a server and a signature gone at once, then forgets them when told to', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Gamma', domain: 'gamma.example', option: 2, fromAddress: 'news@gamma.example' });
    const { state } = await h.s.postmark.provision({ id });
    const serverId = state.server!.id;
    h.sim.state.servers.length = 0;
    h.sim.state.senders.length = 0;
    await expect(h.s.postmark.verify(id)).rejects.toMatchObject({ code: 'postmark.confirm-forget' });
    expect(h.s.postmark.state(id)).toMatchObject({ server: { id: serverId }, sender: { email: 'news@gamma.example' } });
    expect(h.s.vault.getServerToken(serverId)).toBeTruthy();

    // Through the contract handler, as the tab's "Forget them" button calls it.
    const after = await createHandlers(h.s).postmark.verify({ id, forgetMissing: true });
    expect([after.server, after.sender]).toEqual([null, null]);
    expect(h.s.vault.getServerToken(serverId)).toBeUndefined();
  });

  it('behind a proxy answering HTML 404s, Refresh fails with postmark.endpoint and keeps everything', async () => {
    h = await serviceHarness();
    const id = h.addTenant({ name: 'Delta', domain: 'delta.example', option: 2, fromAddress: 'news@delta.example' });
    const { state } = await h.s.postmark.provision({ id });
    h.sim.faults.proxy404();
    await expect(h.s.postmark.verify(id)).rejects.toMatchObject({ code: 'postmark.endpoint' });
    expect(h.s.postmark.state(id)).toMatchObject({ server: { id: state.server!.id }, sender: { email: 'news@delta.example' } });
    expect(h.s.vault.getServerToken(state.server!.id)).toBeTruthy();
  });
});
