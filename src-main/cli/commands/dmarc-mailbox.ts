import type { Services } from '../../app/services';
import { MAILBOX_PASSWORD_ENV } from '../../dmarc/mailbox/mailbox-service';
import { dmarcMailboxSaveSchema } from '../../../src-preload/api/dmarc-mailbox';
import { describeZodError } from '../../core/zod-errors';
import { GLOBAL_OPTIONS, parse } from '../args';
import { UsageError, EXIT, type Io } from '../output';
import { importJson, printImport } from './dmarc-import-output';

export const MAILBOX_USAGE = `behalf dmarc fetch --imap [--json]                          (unseen mail in the rua mailbox; password from ${MAILBOX_PASSWORD_ENV})
behalf dmarc mailbox [--host H] [--port N] [--tls|--no-tls] [--user U] [--folder F] [--processed-folder F]
                     [--unreadable-folder F] [--poll-minutes N] [--ruf-personal keep|redact] [--json]`;

/** `behalf dmarc fetch --imap`: one fetch from the rua mailbox, reported like an import (plus what happened to the mail). */
export async function fetchCmd(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, imap: { type: 'boolean', default: false } });
  if (!values.imap) throw new UsageError(`say where to fetch from: --imap.\n${MAILBOX_USAGE}`);
  const r = await s.dmarcMailbox.fetch({
    progress: values.json ? undefined : (done, total) => total > 0 && done < total && io.err(`[${done + 1}/${total}] message`),
  });
  const m = r.mailbox;
  if (values.json) {
    io.out(JSON.stringify({ ...importJson(r), mailbox: m }));
    return r.errors.length ? EXIT.notOk : EXIT.ok;
  }
  io.out(`${m.unseen} unseen message(s): ${m.processed} processed, ${m.unreadable} unreadable, ${m.left} left for the next fetch.`);
  return printImport(r, false, io);
}

/** `behalf dmarc mailbox`: shows or changes the rua mailbox settings (never the password). */
export function mailboxCmd(s: Services, argv: string[], io: Io): number {
  const { values } = parse(argv, {
    ...GLOBAL_OPTIONS,
    host: { type: 'string' },
    port: { type: 'string' },
    tls: { type: 'boolean' },
    'no-tls': { type: 'boolean' },
    user: { type: 'string' },
    folder: { type: 'string' },
    'processed-folder': { type: 'string' },
    'unreadable-folder': { type: 'string' },
    'poll-minutes': { type: 'string' },
    'ruf-personal': { type: 'string' },
  });
  const patch = {
    host: values.host,
    port: values.port === undefined ? undefined : Number(values.port),
    tls: values['no-tls'] ? false : values.tls,
    user: values.user,
    folder: values.folder,
    processedFolder: values['processed-folder'],
    unreadableFolder: values['unreadable-folder'],
    pollMinutes: values['poll-minutes'] === undefined ? undefined : Number(values['poll-minutes']),
    rufPersonalData: values['ruf-personal'],
  };
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  let view = s.dmarcMailbox.get();
  if (Object.keys(given).length > 0) {
    const parsed = dmarcMailboxSaveSchema.safeParse(given);
    if (!parsed.success) throw describeZodError(parsed.error, 'dmarc.mailbox.invalid');
    view = s.dmarcMailbox.save(parsed.data);
  }
  if (values.json) io.out(JSON.stringify(view));
  else {
    io.out(`${view.configured ? `${view.user}@${view.host}:${view.port} (${view.tls ? 'TLS' : 'plain, loopback only'})` : 'not set up'}`);
    io.out(
      `reads ${view.folder} → ${view.processedFolder} (unreadable: ${view.unreadableFolder}); poll: ${view.pollMinutes ? `every ${view.pollMinutes} min` : 'off'}; ruf personal data: ${view.rufPersonalData}`,
    );
    io.out(`password: ${view.hasPassword ? 'set' : `not set (enter it in Settings, or set ${MAILBOX_PASSWORD_ENV})`}`);
  }
  return EXIT.ok;
}
