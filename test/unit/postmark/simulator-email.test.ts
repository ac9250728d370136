import type { ServerClient } from 'postmark';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeResolver, startPostmarkSimulator, type FakeResolver, type PostmarkSimulator } from '../../support/postmark-sim';
import { accountClientFor, rejectionOf, serverClientFor } from '../../support/postmark-sim/clients';

let sim: PostmarkSimulator;
let dns: FakeResolver;
let server: ServerClient;

beforeEach(async () => {
  dns = createFakeResolver();
  sim = await startPostmarkSimulator({ resolver: dns });
  const account = accountClientFor(sim);
  const created = await account.createServer({ Name: 'Tenant' });
  server = serverClientFor(sim, created.ApiTokens[0]!);
  const signature = await account.createSenderSignature({ FromEmail: 'hello@confirmed.test', Name: 'Hello' });
  sim.confirmSender(signature.ID);
});
afterEach(async () => {
  await sim.close();
});

const mail = (over: Record<string, unknown> = {}) =>
  ({ From: 'Hello <hello@confirmed.test>', To: 'rcpt@example.net', Subject: 'Hi', TextBody: 'Body', ...over }) as never;

describe('simulator: sending', () => {
  it('accepts a confirmed signature and answers like Postmark', async () => {
    const res = await server.sendEmail(mail());
    expect(res).toMatchObject({ To: 'rcpt@example.net', ErrorCode: 0, Message: 'OK' });
    expect(res.MessageID).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.SubmittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}-05:00$/);
  });

  it('refuses an unknown From (400) and an unconfirmed signature (401)', async () => {
    const unknown = await rejectionOf(server.sendEmail(mail({ From: 'who@nowhere.test' })));
    expect([unknown.statusCode, unknown.code]).toEqual([422, 400]);
    expect(unknown.message).toMatch(/not a Sender Signature/);
    await accountClientFor(sim).createSenderSignature({ FromEmail: 'new@pending.test', Name: 'New' });
    const unconfirmed = await rejectionOf(server.sendEmail(mail({ From: 'new@pending.test' })));
    expect([unconfirmed.statusCode, unconfirmed.code]).toEqual([422, 401]);
  });

  it('accepts any address on a domain once its DKIM is verified, and not before', async () => {
    const account = accountClientFor(sim);
    const d = await account.createDomain({ Name: 'brand.test' });
    expect((await rejectionOf(server.sendEmail(mail({ From: 'news@brand.test' })))).code).toBe(400);
    dns.setTxt(d.DKIMPendingHost, [d.DKIMPendingTextValue]);
    await account.verifyDomainDKIM(d.ID);
    await expect(server.sendEmail(mail({ From: 'news@brand.test' }))).resolves.toMatchObject({ ErrorCode: 0 });
  });

  it('reports inactive recipients: partial → 200 with a note, all → 422/406 parsed by postmark.js', async () => {
    sim.setInactive('gone@example.net');
    sim.setInactive('dead@example.net');
    const partial = await server.sendEmail(mail({ To: 'rcpt@example.net, gone@example.net' }));
    expect(partial.ErrorCode).toBe(0);
    expect(partial.Message).toBe('Message OK, but will not deliver to these inactive addresses: gone@example.net.');
    const all = await rejectionOf(server.sendEmail(mail({ To: 'gone@example.net, dead@example.net' })));
    expect([all.name, all.statusCode, all.code]).toEqual(['InactiveRecipientsError', 422, 406]);
    expect(all.recipients).toEqual(['gone@example.net', 'dead@example.net']);
  });

  it('validates the request: bad To (300), no body (300), unknown stream (1235)', async () => {
    expect((await rejectionOf(server.sendEmail(mail({ To: 'not-an-address' })))).code).toBe(300);
    expect((await rejectionOf(server.sendEmail(mail({ TextBody: undefined })))).code).toBe(300);
    expect((await rejectionOf(server.sendEmail(mail({ MessageStream: 'nope' })))).code).toBe(1235);
  });

  it('answers batches per item in order and refuses more than 500 with 410', async () => {
    sim.setInactive('gone@example.net');
    const results = await server.sendEmailBatch([mail(), mail({ From: 'x@nowhere.test' }), mail({ To: 'gone@example.net' })]);
    expect(results.map((r) => r.ErrorCode)).toEqual([0, 400, 406]);
    expect(results[0]!.MessageID).toBeTruthy();
    expect(results[1]!.MessageID).toBeUndefined();
    const tooMany = await rejectionOf(server.sendEmailBatch(Array.from({ length: 501 }, () => mail())));
    expect([tooMany.statusCode, tooMany.code]).toEqual([422, 410]);
  });
});

describe('simulator: outbound messages', () => {
  it('lists newest first with paging and filters on tag, recipient and metadata', async () => {
    await server.sendEmail(mail({ To: 'a@example.net', Tag: 'welcome', Metadata: { tenant: 't1' } }));
    await server.sendEmail(mail({ To: 'b@example.net', Tag: 'welcome', Metadata: { tenant: 't2' } }));
    await server.sendEmail(mail({ To: 'c@example.net', Tag: 'receipt', Metadata: { tenant: 't1' } }));
    sim.elapse(sim.state.searchLagMs);
    const all = await server.getOutboundMessages({ count: 2, offset: 0 });
    expect(Number(all.TotalCount)).toBe(3);
    expect(all.Messages.map((m) => m.Recipients[0])).toEqual(['c@example.net', 'b@example.net']);
    expect((await server.getOutboundMessages({ count: 10, offset: 2 })).Messages.map((m) => m.Recipients[0])).toEqual(['a@example.net']);
    expect((await server.getOutboundMessages({ count: 10, offset: 0, tag: 'welcome' })).TotalCount).toBe(2);
    expect((await server.getOutboundMessages({ count: 10, offset: 0, recipient: 'b@example.net' })).Messages[0]!.Tag).toBe('welcome');
    const byMeta = await server.getOutboundMessages({ count: 10, offset: 0, metadata_tenant: 't1' });
    expect(byMeta.Messages.map((m) => m.Recipients[0])).toEqual(['c@example.net', 'a@example.net']);
    expect((await rejectionOf(server.getOutboundMessages({ count: 501, offset: 0 }))).code).toBe(700);
  });

  it('gives details with MessageEvents: Delivered by default, injected Bounced/Transient/Opened per recipient', async () => {
    sim.setRecipientEvents('bouncy@example.net', ['Bounced']);
    sim.setRecipientEvents('slow@example.net', ['Transient', 'Delivered', 'Opened']);
    const sent = await server.sendEmail(mail({ To: 'rcpt@example.net, bouncy@example.net, slow@example.net' }));
    sim.elapse(60_000); // past indexing, the Queued phase and every event
    const details = await server.getOutboundMessageDetails(sent.MessageID);
    const byRecipient = (r: string) => details.MessageEvents.filter((e) => e.Recipient === r).map((e) => e.Type);
    expect(byRecipient('rcpt@example.net')).toEqual(['Delivered']);
    expect(byRecipient('bouncy@example.net')).toEqual(['Bounced']);
    expect(byRecipient('slow@example.net')).toEqual(['Transient', 'Delivered', 'Opened']);
    const bounce = details.MessageEvents.find((e) => e.Type === 'Bounced')!;
    expect(bounce.Details).toMatchObject({ BounceID: expect.any(Number) });
    expect(details).toMatchObject({ TextBody: 'Body', Subject: 'Hi', Status: 'Sent' });
    // A hard bounce makes the address inactive for later sends.
    expect((await rejectionOf(server.sendEmail(mail({ To: 'bouncy@example.net' })))).code).toBe(406);
  });

  it('answers the old route without /details and 701 for unknown messages', async () => {
    const sent = await server.sendEmail(mail());
    sim.elapse(sim.state.searchLagMs);
    const res = await fetch(`${sim.url}/messages/outbound/${sent.MessageID}`, {
      headers: { 'X-Postmark-Server-Token': sim.serverToken(sim.state.servers[0]!.ID), Accept: 'application/json' },
    });
    expect(((await res.json()) as { MessageID: string }).MessageID).toBe(sent.MessageID);
    const missing = await rejectionOf(server.getOutboundMessageDetails('00000000-0000-0000-0000-000000000000'));
    expect([missing.statusCode, missing.code]).toEqual([422, 701]);
  });
});

describe('simulator: eventual consistency (postmark.js integration tests wait and retry for a fresh message)', () => {
  it('keeps a just-sent message out of search and details (422/701) for the indexing lag, realistic by default', async () => {
    expect(sim.state.searchLagMs).toBeGreaterThanOrEqual(5_000);
    const sent = await server.sendEmail(mail({ Tag: 'fresh' }));
    expect((await server.getOutboundMessages({ count: 10, offset: 0, tag: 'fresh' })).TotalCount).toBe(0);
    const early = await rejectionOf(server.getOutboundMessageDetails(sent.MessageID));
    expect([early.statusCode, early.code]).toEqual([422, 701]);
    sim.elapse(sim.state.searchLagMs);
    expect((await server.getOutboundMessages({ count: 10, offset: 0, tag: 'fresh' })).Messages.map((m) => m.MessageID)).toEqual([sent.MessageID]);
  });

  it('shows Queued, then Sent, then the events as they come', async () => {
    const sent = await server.sendEmail(mail());
    sim.elapse(sim.state.searchLagMs);
    const queued = await server.getOutboundMessageDetails(sent.MessageID);
    expect([queued.Status, queued.MessageEvents.length]).toEqual(['Queued', 0]);
    sim.elapse(2_000);
    expect((await server.getOutboundMessageDetails(sent.MessageID)).Status).toBe('Sent');
    sim.elapse(2_000);
    expect((await server.getOutboundMessageDetails(sent.MessageID)).MessageEvents.map((e) => e.Type)).toEqual(['Delivered']);
  });

  it("refuses recipients outside the account's own domains while the account is pending approval (412)", async () => {
    sim.state.accountApproved = false;
    const refused = await rejectionOf(server.sendEmail(mail({ To: 'seed@gmail.test' })));
    expect([refused.statusCode, refused.code]).toEqual([422, 412]);
    expect((await server.sendEmail(mail({ To: 'colleague@confirmed.test' }))).ErrorCode).toBe(0);
  });
});
