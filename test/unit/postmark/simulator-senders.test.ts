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

describe('simulator: sender signatures', () => {
  it('creates an unconfirmed signature and mails a confirmation, which a click confirms', async () => {
    const client = accountClientFor(sim);
    const s = await client.createSenderSignature({
      FromEmail: 'billing@acme.test',
      Name: 'Acme Billing',
      ReplyToEmail: 'help@acme.test',
      ConfirmationPersonalNote: 'From your vendor',
    });
    expect(s).toMatchObject({
      EmailAddress: 'billing@acme.test',
      Domain: 'acme.test',
      Name: 'Acme Billing',
      ReplyToEmailAddress: 'help@acme.test',
      Confirmed: false,
      ConfirmationPersonalNote: 'From your vendor',
    });
    expect(sim.state.confirmationMails).toEqual([{ senderId: s.ID, to: 'billing@acme.test', personalNote: 'From your vendor' }]);
    sim.confirmSender(s.ID);
    expect((await client.getSenderSignature(s.ID)).Confirmed).toBe(true);
    const list = await client.getSenderSignatures({ count: 10, offset: 0 });
    expect(list.SenderSignatures).toEqual([
      { Domain: 'acme.test', EmailAddress: 'billing@acme.test', ReplyToEmailAddress: 'help@acme.test', Name: 'Acme Billing', Confirmed: true, ID: s.ID },
    ]);
  });

  it('refuses duplicates (504), public domains (503) and a personal note over 400 characters (521)', async () => {
    const client = accountClientFor(sim);
    await client.createSenderSignature({ FromEmail: 'a@acme.test', Name: 'A' });
    expect((await rejectionOf(client.createSenderSignature({ FromEmail: 'A@ACME.test', Name: 'A' }))).code).toBe(504);
    expect((await rejectionOf(client.createSenderSignature({ FromEmail: 'me@gmail.com', Name: 'Me' }))).code).toBe(503);
    const note = await rejectionOf(client.createSenderSignature({ FromEmail: 'b@acme.test', Name: 'B', ConfirmationPersonalNote: 'x'.repeat(401) }));
    expect([note.statusCode, note.code]).toEqual([422, 521]);
    await expect(client.createSenderSignature({ FromEmail: 'c@acme.test', Name: 'C', ConfirmationPersonalNote: 'x'.repeat(400) })).resolves.toMatchObject({
      Confirmed: false,
    });
    expect(sim.state.senders.map((s) => s.EmailAddress)).toEqual(['a@acme.test', 'c@acme.test']);
  });

  it('resends the confirmation while unconfirmed and answers 506 once confirmed', async () => {
    const client = accountClientFor(sim);
    const s = await client.createSenderSignature({ FromEmail: 'ops@acme.test', Name: 'Ops' });
    expect((await client.resendSenderSignatureConfirmation(s.ID)).ErrorCode).toBe(0);
    expect(sim.state.confirmationMails).toHaveLength(2);
    sim.confirmSender(s.ID);
    expect((await rejectionOf(client.resendSenderSignatureConfirmation(s.ID))).code).toBe(506);
  });

  it('edits, deletes, and answers 501 for unknown IDs', async () => {
    const client = accountClientFor(sim);
    const s = await client.createSenderSignature({ FromEmail: 'x@acme.test', Name: 'X' });
    expect((await client.editSenderSignature(s.ID, { Name: 'X2', ReturnPathDomain: 'pm-bounces.acme.test' })).ReturnPathDomain).toBe('pm-bounces.acme.test');
    expect((await rejectionOf(client.editSenderSignature(s.ID, { Name: 'X3', ReturnPathDomain: 'pm.other.test' }))).code).toBe(522);
    expect((await client.getSenderSignature(s.ID)).Name).toBe('X2');
    expect((await client.deleteSenderSignature(s.ID)).ErrorCode).toBe(0);
    expect((await rejectionOf(client.getSenderSignature(s.ID))).code).toBe(501);
  });
});
