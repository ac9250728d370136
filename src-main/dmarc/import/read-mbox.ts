import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportContext } from './consume-xml';
import { readLines } from './read-lines';
import { importError, toImportError } from './errors';
import type { ReportOutcomes } from './outcomes';
import { importEmlFile } from './read-eml';

/**
 * Imports an mbox file (RFC 4155: messages one after another, each opened by a "From " line), as mail clients
 * export a folder. Each message is written to a private temp file as it streams past and imported like a
 * saved .eml, before the next one is read, so memory and disk stay at one message. ">From " lines (mboxrd
 * quoting) get their quote back off. Outcomes are named "message N" (1-based, in file order).
 */
export async function importMboxFile(file: string, ctx: ReportContext, out: ReportOutcomes): Promise<void> {
  const dir = await fs.promises.mkdtemp(path.join(ctx.caps.tempDir ?? os.tmpdir(), 'behalf-mbox-'));
  let index = 0;
  let fd: number | undefined;
  let bytes = 0;
  const flush = async () => {
    if (fd === undefined) return;
    fs.closeSync(fd);
    fd = undefined;
    const label = `message ${index}`;
    const msg = path.join(dir, `message-${index}.eml`);
    try {
      if (bytes > ctx.caps.maxBytes) throw importError('dmarc.too-large', `The message is larger than the ${ctx.caps.maxBytes}-byte cap.`);
      await importEmlFile(msg, ctx, {
        result: (r, entry) => out.result(r, entry ? `${label}/${entry}` : label),
        error: (e, entry) => out.error(e, entry ? `${label}/${entry}` : label),
        failure: (stored) => out.failure(stored),
      });
    } catch (err) {
      const e = toImportError(err);
      if (e.code === 'dmarc.cancelled') throw e;
      out.error(e, label);
    } finally {
      await fs.promises.rm(msg, { force: true });
    }
  };
  try {
    let lines = 0;
    for await (const { text, eol } of readLines(fs.createReadStream(file))) {
      if (++lines % 4096 === 0) ctx.signal?.throwIfAborted();
      if (eol && text.startsWith('From ')) {
        await flush();
        index++;
        bytes = 0;
        fd = fs.openSync(path.join(dir, `message-${index}.eml`), 'w');
        continue;
      }
      if (fd === undefined) continue; // text before the first separator is not a message
      if (bytes > ctx.caps.maxBytes) continue; // counted, refused at flush
      const line = /^>+From /.test(text) ? text.slice(1) : text;
      const buf = Buffer.from(eol ? `${line}\r\n` : line, 'latin1');
      bytes += buf.length;
      fs.writeSync(fd, buf);
    }
    await flush();
    if (index === 0) throw importError('dmarc.not-a-report', 'The mbox file holds no message (no "From " separator line).');
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
