import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { EventBus } from '../../../src-main/core/event-bus';
import { TaskRegistry } from '../../../src-main/core/tasks';
import { isLoopback } from '../../../src-main/dmarc/mailbox/mailbox-rules';
import { createMailboxService, MAILBOX_SECRET } from '../../../src-main/dmarc/mailbox/mailbox-service';
import { MemoryVault } from '../../../src-main/secrets/memory-vault';
import { emlMessage } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { gzip, reportXml } from '../../support/dmarc/report-builder';
import { useDovecot, type Dovecot } from '../../support/dovecot/dovecot';

/* The rua mailbox settings' security rules, the password's stay in the vault, and the poll — against dovecot. */
const server = useDovecot();
let dove: Dovecot;
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
  dove = server();
});
afterEach(() => t.close());

const service = (vault = new MemoryVault({})) => ({ vault, svc: createMailboxService({ db: t.db, env: {}, vault, tasks: new TaskRegistry(new EventBus()) }) });

describe('DMARC mailbox settings', () => {
  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['imap.example.com', '10.0.0.1', '192.168.1.2', '::2', 'localhost.example.com']) expect(isLoopback(h)).toBe(false);
  });

  it('refuses plain IMAP except to loopback', () => {
    const { svc } = service();
    expect(() => svc.save({ host: 'imap.example.com', port: 143, tls: false, user: 'rua' })).toThrow(
      expect.objectContaining({ code: 'dmarc.mailbox.plain-imap' }),
    );
    expect(svc.get().host).toBe(''); // nothing saved
    expect(svc.save({ host: '127.0.0.1', port: 1143, tls: false, user: 'rua' })).toMatchObject({ host: '127.0.0.1', tls: false, configured: true });
    expect(() => svc.save({ host: 'imap.example.com' })).toThrow(expect.objectContaining({ code: 'dmarc.mailbox.plain-imap' }));
  });

  it('keeps the password in the vault only, and forgets it when the host or port changes', () => {
    const { svc, vault } = service();
    const saved = svc.save({ host: 'imap.example.com', port: 993, tls: true, user: 'rua', password: 's3cret-pass' });
    expect(saved.hasPassword).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('s3cret-pass');
    expect(JSON.stringify(t.db.prepare('SELECT * FROM dmarc_mailbox').all())).not.toContain('s3cret-pass');
    expect(vault.getSecret(MAILBOX_SECRET)).toBe('s3cret-pass');
    expect(svc.save({ folder: 'Reports', pollMinutes: 15 }).hasPassword).toBe(true); // other fields keep it
    expect(svc.save({ port: 1993 }).hasPassword).toBe(false);
    svc.save({ password: 'again-pass' });
    expect(svc.save({ host: 'IMAP.example.com' }).hasPassword).toBe(true); // same host, other case
    expect(svc.save({ host: 'evil.example.net' }).hasPassword).toBe(false);
    // A new host with a new password in the same save keeps the new one.
    expect(svc.save({ host: 'imap2.example.com', password: 'third-pass' }).hasPassword).toBe(true);
    expect(vault.getSecret(MAILBOX_SECRET)).toBe('third-pass');
  });

  it('says what is missing before fetching', () => {
    const { svc } = service();
    expect(() => svc.fetchTask()).toThrow(expect.objectContaining({ code: 'dmarc.mailbox.not-configured' }));
    svc.save({ host: '127.0.0.1', port: dove.port, tls: false, user: dove.user });
    expect(() => svc.fetchTask()).toThrow(expect.objectContaining({ code: 'dmarc.mailbox.no-password' }));
  });

  it('polls every N minutes and reads new mail without anyone asking', async () => {
    const { svc } = service();
    svc.save({ host: '127.0.0.1', port: dove.port, tls: false, user: dove.user, password: dove.password, folder: 'Polled', pollMinutes: 1 });
    const c = new ImapFlow({
      host: dove.host,
      port: dove.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: dove.user, pass: dove.password },
      logger: false,
    });
    await c.connect();
    await c.mailboxCreate('Polled');
    await c.append(
      'Polled',
      emlMessage([
        {
          filename: 'r.xml.gz',
          contentType: 'application/gzip',
          data: gzip(
            reportXml({ reportId: 'poll-1', domain: 'acme.example', begin: '2025-03-01', rows: [{ ip: '192.0.2.1', count: 3, dkim: 'pass', spf: 'pass' }] }),
          ),
        },
      ]),
    );
    await c.logout();
    const errors: unknown[] = [];
    const stop = svc.startPolling((e) => errors.push(e), 20, 50); // a "minute" of 50 ms
    try {
      const deadline = Date.now() + 10_000;
      while (count(t.db, 'SELECT COUNT(*) FROM dmarc_reports') === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      stop();
      await svc.fetch().catch(() => undefined); // joins a poll still moving its message, before the ledger closes
    }
    expect(errors).toEqual([]);
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_reports WHERE report_id = 'poll-1'`)).toBe(1);
  });
});
