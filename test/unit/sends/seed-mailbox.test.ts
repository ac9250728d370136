import fs from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { MAILBOX_WAIT_MS, seedSecret } from '../../../src-main/sends/seed-mailbox/seed-mailbox-service';
import { TEST_HEADER } from '../../../src-main/sends/seed-mailbox/test-token';
import { useDovecot, type Dovecot } from '../../support/dovecot/dovecot';
import { option2Tenant, startSendHarness, type SendHarness } from './harness';

/**
 * A real dovecot on loopback plays the seeds' mailboxes. The test is the receiving side: it takes each message
 * the simulator accepted (with Behalf's X-Behalf-Test header), adds the Authentication-Results a receiver would
 * add, and APPENDs it to INBOX or to the folder dovecot flags \Junk. Behalf then reads placement and results back.
 */
const dovecot = useDovecot({ junkFolder: 'Quarantine' });
let h: SendHarness;
afterEach(async () => h?.close());

async function deliver(dove: Dovecot, folder: string, headers: string[], to: string, token: string, subject: string): Promise<void> {
  const client = new ImapFlow({
    host: dove.host,
    port: dove.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: dove.user, pass: dove.password },
    logger: false,
  });
  await client.connect();
  const raw = [
    ...headers.map((v) => `Authentication-Results: ${v}`),
    'From: Acme Support <hello@acme.test>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `${TEST_HEADER}: ${token}`,
    'Message-ID: <x@pm.mtasv.net>',
    'Date: Thu, 03 Dec 2026 10:00:00 +0000',
    '',
    'Hello.',
    '',
  ].join('\r\n');
  await client.append(folder, raw);
  await client.logout();
}

const tokenFor = (h: SendHarness, to: string) =>
  h.sim.state.messages.find((m) => m.To.some((r) => r.Email === to))!.Headers.find((x) => x.Name === TEST_HEADER)!.Value;

describe('seed mailboxes: placement and authentication read back over IMAP (dovecot on loopback)', () => {
  it("INBOX → inbox, \\Junk → spam, neither after the wait → missing; only the trusted authserv-id counts; a person's mark wins", async () => {
    const dove = dovecot();
    h = await startSendHarness();
    const { tenant } = await option2Tenant(h);
    const gmail = h.sends.seeds.add({ address: 'seed@gmail.test', provider: 'Gmail' });
    const outlook = h.sends.seeds.add({ address: 'seed@outlook.test', provider: 'Outlook' });
    const lost = h.sends.seeds.add({ address: 'seed@lost.test', provider: 'Yahoo' });
    h.sends.seeds.add({ address: 'seed@manual.test', provider: 'iCloud' }); // no mailbox: left to a person
    const box = { host: dove.host, port: dove.port, tls: false, user: dove.user, password: dove.password };
    expect(h.mailboxes.save({ id: gmail.id, ...box, authservId: 'mx.gmail.test' })).toMatchObject({
      configured: true,
      hasPassword: true,
      trustedAuthservId: 'mx.gmail.test',
    });
    h.mailboxes.save({ id: outlook.id, ...box, authservId: 'none' }); // Microsoft's headers carry no authserv-id
    const lostBox = h.mailboxes.save({ id: lost.id, ...box });
    expect(lostBox.trustedAuthservId).toBe('127.0.0.1'); // default: the IMAP host
    expect(JSON.stringify(lostBox)).not.toContain(dove.password);

    const sent = await h.sends.send({ tenantId: tenant.id });
    expect(Object.fromEntries(sent.recipients.map((r) => [r.address, r.hasMailbox]))).toEqual({
      'seed@gmail.test': true,
      'seed@lost.test': true,
      'seed@manual.test': false,
      'seed@outlook.test': true,
    });
    // The receivers: Gmail files it in the inbox with its own header above a forged one; Outlook sends it to junk.
    await deliver(
      dove,
      'INBOX',
      [
        'mx.gmail.test; dkim=pass header.i=@acme.test header.s=pm; spf=pass (domain of pm_bounces@pm.mtasv.net designates 50.31.156.6) smtp.mailfrom=pm_bounces@pm.mtasv.net; dmarc=pass (p=NONE) header.from=acme.test',
        'mx.gmail.test.evil.example; dkim=pass header.d=forged.example',
      ],
      'seed@gmail.test',
      tokenFor(h, 'seed@gmail.test'),
      'gmail copy',
    );
    await deliver(
      dove,
      'Quarantine',
      [
        'spf=pass (sender IP is 50.31.156.6) smtp.mailfrom=pm.mtasv.net; dkim=pass (signature was verified) header.d=pm.mtasv.net;dmarc=fail action=quarantine header.from=acme.test;compauth=fail reason=000',
      ],
      'seed@outlook.test',
      tokenFor(h, 'seed@outlook.test'),
      'outlook copy',
    );

    await h.sends.refreshEvents(tenant.id, sent.id);
    let view = h.sends.get(sent.id);
    const seed = (a: string) => view.recipients.find((r) => r.address === a)!;
    expect(seed('seed@gmail.test')).toMatchObject({
      placement: 'inbox',
      placementSource: 'auto',
      foundFolder: 'INBOX',
      mailboxError: '',
      auth: {
        authservId: 'mx.gmail.test',
        spf: { result: 'pass', domain: 'pm.mtasv.net' },
        dkim: [{ result: 'pass', domain: 'acme.test', selector: 'pm' }],
        dmarc: { result: 'pass', from: 'acme.test' },
        fromDomain: 'acme.test',
        dkimAligned: true,
      },
    });
    expect(seed('seed@outlook.test')).toMatchObject({
      placement: 'spam',
      placementSource: 'auto',
      foundFolder: 'Quarantine',
      auth: {
        authservId: '',
        dkim: [{ result: 'pass', domain: 'pm.mtasv.net', selector: '' }],
        dmarc: { result: 'fail', from: 'acme.test' },
        dkimAligned: false,
      },
    });
    expect(seed('seed@lost.test')).toMatchObject({ placement: null, placementSource: null, foundFolder: '' }); // still within the wait
    expect(seed('seed@lost.test').mailboxCheckedAt).not.toBeNull();
    expect(seed('seed@manual.test')).toMatchObject({ placement: null, hasMailbox: false, mailboxCheckedAt: null });

    h.advance(MAILBOX_WAIT_MS);
    await h.sends.refreshEvents(tenant.id, sent.id);
    view = h.sends.get(sent.id);
    expect(seed('seed@lost.test')).toMatchObject({ placement: 'missing', placementSource: 'auto' });

    // A person's mark is never overwritten by a later read; the mailbox still fills in the authentication.
    h.sends.mark(sent.id, 'seed@lost.test', 'spam');
    await deliver(dove, 'INBOX', ['127.0.0.1; spf=softfail smtp.mailfrom=pm.mtasv.net'], 'seed@lost.test', tokenFor(h, 'seed@lost.test'), 'late copy');
    await h.sends.refreshEvents(tenant.id, sent.id);
    view = h.sends.get(sent.id);
    expect(seed('seed@lost.test')).toMatchObject({
      placement: 'spam',
      placementSource: 'manual',
      foundFolder: 'INBOX',
      auth: { spf: { result: 'softfail', domain: 'pm.mtasv.net' } },
    });

    // The password is in the vault only: not in the ledger file, not in any reply.
    expect(h.vault.getSecret(seedSecret(gmail.id))).toBe(dove.password);
    const ledger = path.join(h.db.name);
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(ledger).includes(Buffer.from(dove.password))).toBe(false);
    expect(JSON.stringify(view)).not.toContain(dove.password);
  });

  it('a wrong password is shown beside the seed (and the send still reads); plain IMAP off loopback is refused; a new host forgets the password', async () => {
    const dove = dovecot();
    h = await startSendHarness();
    const { tenant } = await option2Tenant(h);
    const s = h.sends.seeds.add({ address: 'seed@gmail.test', provider: 'Gmail' });
    h.mailboxes.save({ id: s.id, host: dove.host, port: dove.port, tls: false, user: dove.user, password: 'wrong-password' });
    const sent = await h.sends.send({ tenantId: tenant.id });
    const r = await h.sends.refreshEvents(tenant.id, sent.id);
    expect(r.errors.join(' ')).toMatch(/seed@gmail\.test/);
    expect(h.sends.get(sent.id).recipients[0]!.mailboxError).toMatch(/^Could not read the mailbox: /);

    expect(() => h.mailboxes.save({ id: s.id, host: 'imap.gmail.test', port: 143, tls: false })).toThrow(
      expect.objectContaining({ code: 'seeds.mailbox.plain-imap' }),
    );
    expect(h.mailboxes.get(s.id)).toMatchObject({ host: dove.host, hasPassword: true }); // refused: nothing changed
    expect(h.mailboxes.save({ id: s.id, host: 'imap.gmail.test', port: 993, tls: true })).toMatchObject({
      hasPassword: false,
      trustedAuthservId: 'imap.gmail.test',
    });
    expect(h.mailboxes.save({ id: s.id, host: '' })).toMatchObject({ configured: false, hasPassword: false });
  });
});
