import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import type { SendView } from '../../../src-preload/api/sends';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempDir } from '../../support/temp';

let sim: PostmarkSimulator;
let home: string;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // A 1 s indexing window (configurable) keeps the confirming test short; the rule is the same as with 60 s.
  const env = { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_POSTMARK_INDEX_WINDOW_S: '1' };
  const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('behalf seeds / send against the simulator', () => {
  beforeAll(async () => {
    sim = await startPostmarkSimulator();
    home = tempDir();
  });
  afterAll(async () => sim?.close());

  it('manages seeds, refuses an unconfirmed option 2, sends once confirmed, refreshes events, queues when offline', async () => {
    expect(
      (await cli(['tenants', 'add', '--name', 'Acme', '--domain', 'acme.example', '--option', '2', '--from', 'hello@acme.example', '--from-name', 'Acme']))
        .code,
    ).toBe(0);
    expect((await cli(['provision', '--tenant', 'Acme', '--run'])).code).toBe(0);
    expect(sim.state.senders.map((s) => [s.EmailAddress, s.Confirmed])).toEqual([['hello@acme.example', false]]);

    expect((await cli(['seeds', 'list'])).out).toMatch(/No seed inboxes yet/);
    expect((await cli(['seeds', 'add', 'seed.one@gmail.test', '--provider', 'Gmail'])).code).toBe(0);
    const csv = path.join(home, 'seeds.csv');
    fs.writeFileSync(csv, 'address,provider\nseed.two@outlook.test,Outlook\nbroken,Yahoo\n');
    const bad = await cli(['seeds', 'import', csv]);
    expect([bad.code, bad.err]).toEqual([1, expect.stringContaining('line 3 (address)')]);
    fs.writeFileSync(csv, 'address,provider\nseed.two@outlook.test,Outlook\n');
    expect((await cli(['seeds', 'import', csv])).out).toBe('Added 1 and updated 0 seed inbox(es).');
    expect((await cli(['seeds', 'export'])).out).toContain('seed.two@outlook.test,Outlook,yes');

    const refused = await cli(['send', '--tenant', 'Acme']);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/hello@acme\.example is not confirmed yet[\s\S]*hint: .*resend the confirmation/);
    expect(sim.state.messages).toHaveLength(0);

    sim.confirmSender(sim.state.senders[0]!.ID);
    sim.setRecipientEvents('seed.two@outlook.test', ['Bounced']);
    const sent = await cli(['send', '--tenant', 'acme.example', '--subject', 'Hello {{seed.provider}}', '--json']);
    expect(sent.code).toBe(0);
    const view = JSON.parse(sent.out) as SendView;
    expect(view.recipients.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(sim.state.messages.map((m) => m.Subject)).toEqual(['Hello Gmail', 'Hello Outlook']);

    expect((await cli(['send', '--refresh', '--tenant', 'Acme'])).out).toMatch(/2 not indexed by Postmark yet/);
    sim.elapse(sim.state.searchLagMs);
    expect((await cli(['send', '--refresh', '--tenant', 'Acme'])).out).toMatch(/seed\.two@outlook\.test\s+Outlook\s+queued at Postmark/);
    sim.elapse(60_000);
    const refreshed = await cli(['send', '--refresh', '--tenant', 'Acme']);
    expect(refreshed.out).toMatch(/seed\.two@outlook\.test\s+Outlook\s+bounced/);
    // Delivered says what Postmark knows: the receiving server accepted it; nobody has looked in the inbox yet.
    expect(refreshed.out).toMatch(/seed\.one@gmail\.test\s+Gmail\s+accepted by mx\.gmail\.test\s+not checked/);
    expect(refreshed.out).not.toMatch(/Delivered/);

    // Staff record where the seed's copy landed; the history keeps it.
    const marked = await cli(['send', '--mark', String(view.id), '--seed', 'seed.one@gmail.test', 'spam']);
    expect([marked.code, marked.out]).toEqual([0, expect.stringMatching(/seed\.one@gmail\.test\s+Gmail\s+accepted by mx\.gmail\.test\s+in spam/)]);
    expect((await cli(['send', '--refresh', '--tenant', 'Acme'])).out).toMatch(/in spam/);
    expect((await cli(['send', '--mark', String(view.id), '--seed', 'seed.one@gmail.test', 'junk'])).code).toBe(2);
    expect((await cli(['send', '--mark', String(view.id), 'inbox'])).code).toBe(2);
    const stranger = await cli(['send', '--mark', String(view.id), '--seed', 'nobody@gmail.test', 'inbox']);
    expect(stranger.code).not.toBe(0);
    expect(stranger.err).toContain('was not a seed of test send');

    sim.faults.next({ drop: true, match: /^POST \/email/ });
    const queued = await cli(['send', '--tenant', 'Acme', '--seed', 'seed.one@gmail.test']);
    expect(queued.code).toBe(1);
    expect(queued.out).toMatch(/confirming with Postmark[\s\S]*Confirming with Postmark: the answer to the send was lost/);
    const early = await cli(['send', '--retry-queued']);
    expect([early.code, early.out]).toEqual([1, 'Ran 1 queued send(s): 0 sent, 0 failed, 1 still queued.']);
    expect(sim.state.messages).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the window: first miss
    expect((await cli(['send', '--retry-queued'])).code).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600)); // spaced: second miss, then the re-send
    const retried = await cli(['send', '--retry-queued']);
    expect([retried.code, retried.out]).toEqual([0, 'Ran 1 queued send(s): 1 sent, 0 failed, 0 still queued.']);
    expect(sim.state.messages).toHaveLength(3);
  });

  it('explains usage mistakes with exit 2', async () => {
    expect((await cli(['send'])).code).toBe(2);
    expect((await cli(['seeds', 'frobnicate'])).code).toBe(2);
  });
});
