import { ImapFlow } from 'imapflow';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../support/run-cli';
import { tempDir } from '../../support/temp';
import { emlMessage } from '../../support/dmarc/archives';
import { gzip, reportXml } from '../../support/dmarc/report-builder';
import { useDovecot, type Dovecot } from '../../support/dovecot/dovecot';

/* `behalf dmarc mailbox` and `behalf dmarc fetch --imap [--json]`, end to end against a real dovecot. */
const server = useDovecot();
let dove: Dovecot;
beforeEach(() => {
  dove = server();
});

describe('behalf dmarc fetch --imap', () => {
  it('fetches unseen report mail with the JSON shape of an import plus what happened to the mail', async () => {
    const home = tempDir('behalf-cli-imap-');
    const c = new ImapFlow({
      host: dove.host,
      port: dove.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: dove.user, pass: dove.password },
      logger: false,
    });
    await c.connect();
    await c.append(
      'INBOX',
      emlMessage([
        {
          filename: 'r.xml.gz',
          contentType: 'application/gzip',
          data: Buffer.concat([
            gzip(
              reportXml({ reportId: 'cli-1', domain: 'acme.example', begin: '2025-03-01', rows: [{ ip: '192.0.2.1', count: 4, dkim: 'pass', spf: 'pass' }] }),
            ),
            Buffer.from('\r\n'),
          ]),
        },
      ]),
    );
    await c.logout();

    expect((await cli(['dmarc', 'fetch', '--home', home])).code).toBe(2); // no --imap: usage
    const notSet = await cli(['dmarc', 'fetch', '--imap', '--json', '--home', home]);
    expect(notSet.code).not.toBe(0);
    expect(notSet.out + notSet.err).toContain('dmarc.mailbox.not-configured');
    const plain = await cli(['dmarc', 'mailbox', '--host', 'imap.example.com', '--port', '143', '--no-tls', '--user', 'x', '--json', '--home', home]);
    expect(plain.out + plain.err).toContain('dmarc.mailbox.plain-imap');

    const set = await cli(['dmarc', 'mailbox', '--host', '127.0.0.1', '--port', String(dove.port), '--no-tls', '--user', dove.user, '--json', '--home', home]);
    expect(JSON.parse(set.out)).toMatchObject({ host: '127.0.0.1', port: dove.port, tls: false, hasPassword: false, configured: true });
    const env = { BEHALF_DMARC_IMAP_PASSWORD: dove.password };
    const r = await cli(['dmarc', 'fetch', '--imap', '--json', '--home', home], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      files: 1,
      imported: 1,
      duplicates: 0,
      records: 1,
      messages: 4,
      failures: 0,
      errors: [],
      repaired: [{ file: 'INBOX UID 1', code: 'dmarc.repair.gzip-trailing-bytes', message: expect.stringContaining('r.xml.gz: 2 byte(s)') }],
      mailbox: { unseen: 1, processed: 1, unreadable: 0, left: 0 },
    });
    expect(r.out).not.toContain(dove.password);
    const again = await cli(['dmarc', 'fetch', '--imap', '--home', home], env);
    expect(again.out).toContain('0 unseen message(s)');
  });
});
