import { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchMailbox } from '../../../src-main/dmarc/mailbox/imap-fetch';
import { DEFAULT_MAILBOX, type MailboxConfig } from '../../../src-main/dmarc/mailbox/mailbox-store';
import { emlMessage, zipArchive } from '../../support/dmarc/archives';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { twoRowSpec } from '../../support/dmarc/two-rows';
import { gzip, reportXml } from '../../support/dmarc/report-builder';
import { failureReportEml } from '../../support/dmarc/failure-report';
import { cuttingProxy } from '../../support/dovecot/cutting-proxy';
import { useDovecot, type Dovecot } from '../../support/dovecot/dovecot';

/* Issue #14: the rua mailbox, read from a real dovecot on loopback (its own config, user and Maildir). */
const server = useDovecot();
let dove: Dovecot;
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
  dove = server();
});
afterEach(() => t.close());

const spec = twoRowSpec;
const gzMail = (id: string) =>
  emlMessage([{ filename: `google.com!acme.example!${id}.xml.gz`, contentType: 'application/gzip', data: gzip(reportXml(spec(id))) }], {
    subject: `Report ${id}`,
  });
const zipMail = (id: string) =>
  emlMessage([{ filename: `${id}.zip`, contentType: 'application/zip', data: zipArchive([{ name: `${id}.xml`, data: reportXml(spec(id)) }]) }], {
    subject: `Report ${id}`,
  });
const noReport = () =>
  emlMessage([{ filename: 'readme.txt', contentType: 'text/plain', data: 'no report here', encoding: '7bit' }], { subject: 'Not a report' });

/** Each test gets its own folders, so tests share one server without seeing each other's mail. */
let n = 0;
function config(over: Partial<MailboxConfig> = {}): MailboxConfig {
  n++;
  return {
    ...DEFAULT_MAILBOX,
    host: dove.host,
    port: dove.port,
    tls: false,
    user: dove.user,
    folder: `In${n}`,
    processedFolder: `Done${n}/Processed`,
    unreadableFolder: `Done${n}/Unreadable`,
    ...over,
  };
}

async function imap<T>(run: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({ host: dove.host, port: dove.port, secure: false, doSTARTTLS: false, auth: { user: dove.user, pass: dove.password }, logger: false });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.logout();
  }
}
const deliver = (folder: string, mails: string[], flags: string[] = []) =>
  imap(async (c) => {
    await c.mailboxCreate(folder).catch(() => undefined);
    for (const m of mails) await c.append(folder, m, flags);
  });
/** Subjects and flags of the messages in a folder (empty when it does not exist). */
const look = (folder: string) =>
  imap(async (c) => {
    const exists = (await c.list()).some((m) => m.path === folder);
    if (!exists) return [];
    const lock = await c.getMailboxLock(folder);
    try {
      const all = await c.fetchAll('1:*', { envelope: true, flags: true }).catch(() => []);
      return all.map((m) => ({ subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() }));
    } finally {
      lock.release();
    }
  });

describe('fetch from the rua mailbox (dovecot on loopback)', () => {
  it('imports unseen report mail, moves it after commit, files a mail without a report as unreadable, deletes nothing', async () => {
    const c = config();
    await deliver(c.folder, [gzMail('i-1'), zipMail('i-2'), noReport(), failureReportEml()]);
    await deliver(c.folder, [gzMail('i-seen')], ['\\Seen']); // already read by a person: left alone
    const r = await fetchMailbox(t.db, c, dove.password);
    expect(r).toMatchObject({
      imported: 2,
      duplicates: 0,
      records: 4,
      messages: 14,
      failures: 1,
      mailbox: { unseen: 4, processed: 3, unreadable: 1, left: 0 },
    });
    expect(r.errors).toEqual([expect.objectContaining({ file: expect.stringMatching(/^In\d+ UID 3$/), code: 'dmarc.not-a-report' })]);
    expect(await look(c.folder)).toEqual([{ subject: 'Report i-seen', flags: ['\\Seen'] }]);
    expect(await look(c.processedFolder)).toEqual([
      { subject: 'Report i-1', flags: ['\\Seen'] },
      { subject: 'Report i-2', flags: ['\\Seen'] },
      { subject: 'DMARC failure report for acme.example', flags: ['\\Seen'] },
    ]);
    expect(await look(c.unreadableFolder)).toEqual([{ subject: 'Not a report', flags: ['Behalf-not-a-report', '\\Seen'] }]);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(2);

    // Fetching again finds nothing new; a re-sent report is a duplicate and is filed away too.
    expect(await fetchMailbox(t.db, c, dove.password)).toMatchObject({ imported: 0, duplicates: 0, mailbox: { unseen: 0 } });
    await deliver(c.folder, [gzMail('i-1')]);
    expect(await fetchMailbox(t.db, c, dove.password)).toMatchObject({ imported: 0, duplicates: 1, mailbox: { unseen: 1, processed: 1 } });
    expect((await look(c.processedFolder)).length).toBe(4);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_rows')).toBe(4);
  });

  it('loses nothing when the connection drops in the middle of a message, and the next fetch finishes the job', async () => {
    const c = config();
    await deliver(c.folder, [gzMail('d-1'), gzMail('d-2'), gzMail('d-3')]);
    const proxy = await cuttingProxy(dove, 2); // cut while the 2nd message is downloading
    try {
      await expect(fetchMailbox(t.db, { ...c, port: proxy.port }, dove.password, { timeoutMs: 5_000 })).rejects.toThrow();
      expect(proxy.cuts).toBe(1);
    } finally {
      await proxy.close();
    }
    // The first message was committed (and moved); the second and third were not touched.
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(1);
    expect((await look(c.folder)).map((m) => m.flags)).toEqual([[], []]);
    const again = await fetchMailbox(t.db, c, dove.password);
    expect(again).toMatchObject({ imported: 2, mailbox: { unseen: 2, processed: 2 } });
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(3);
    expect(count(t.db, 'SELECT SUM(count) FROM dmarc_rows')).toBe(21);
    expect(await look(c.folder)).toEqual([]);
    expect((await look(c.processedFolder)).length).toBe(3);
  });

  it("refuses a wrong password with the server's answer, and moves nothing", async () => {
    const c = config();
    await deliver(c.folder, [gzMail('p-1')]);
    await expect(fetchMailbox(t.db, c, 'wrong-password')).rejects.toThrow(/auth|fail/i);
    expect((await look(c.folder)).length).toBe(1);
  });
});
