import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BehalfError } from '../../../src-preload/api/errors';
import type { ReportContext } from './consume-xml';
import { Base64Decoder, decoderFor, readLines, type LineDecoder } from './decoders';
import { importError, toImportError } from './errors';
import { isReportCandidate, parseHeaders, partInfo, type PartInfo } from './mime';
import { FeedbackCapture } from './eml-feedback';
import { importFailure } from '../failures/import-failure';
import type { ReportOutcomes } from './outcomes';
import { importPayloadFile } from './read-payload';
import type { RepairNote } from './repairs';
import { sniffFile, type PayloadKind } from './streams';

interface Attachment {
  label: string;
  file: string;
  fd: number;
  bytes: number;
  decoder: LineDecoder | undefined;
  /** The part's Content-Type, to compare with what its bytes turn out to be. */
  declaredType: string;
  error?: BehalfError;
}

/** Content types that say what the bytes are; a part declaring one of these while holding another kind lies. */
const DECLARED: Record<string, PayloadKind> = {
  'application/gzip': 'gzip', 'application/x-gzip': 'gzip', 'application/zip': 'zip', 'application/x-zip': 'zip',
  'application/x-zip-compressed': 'zip', 'application/xml': 'xml', 'text/xml': 'xml',
};

/** What was tolerated in reading an attachment, carried onto each report inside it. */
async function attachmentNotes(a: Attachment): Promise<RepairNote[]> {
  const notes: RepairNote[] = [];
  if (a.decoder instanceof Base64Decoder && a.decoder.noise > 0) {
    notes.push({ code: 'dmarc.repair.base64-noise', message: `The attachment's base64 held ${a.decoder.noise} character(s) that are not base64; they were skipped.` });
  }
  const actual = await sniffFile(a.file);
  const declared = DECLARED[a.declaredType];
  if (declared ? declared !== actual : !/gzip|zip|octet-stream|xml/.test(a.declaredType)) {
    notes.push({ code: 'dmarc.repair.attachment-type', message: `The attachment is declared as ${a.declaredType} but holds ${actual === 'xml' ? 'XML' : actual}; it was read by its content.` });
  }
  return notes;
}

/**
 * Imports the reports attached to a saved e-mail (.eml). The message is read line by line; each report
 * attachment is decoded as it streams past into a private temp file (zip needs random access), then
 * imported like a file given directly. Body text and unrelated attachments are ignored.
 */
export async function importEmlFile(file: string, ctx: ReportContext, out: ReportOutcomes): Promise<void> {
  const dir = await fs.promises.mkdtemp(path.join(ctx.caps.tempDir ?? os.tmpdir(), 'behalf-dmarc-'));
  try {
    const feedback = new FeedbackCapture();
    const attachments = await extractAttachments(file, dir, ctx, feedback);
    const failure = feedback.result();
    if (failure) importFailure(failure, ctx, out);
    else if (attachments.length === 0) {
      throw importError('dmarc.not-a-report', 'The e-mail has no report attachment (.xml, .xml.gz or .zip) and is not a failure report.');
    }
    for (const a of attachments) {
      try {
        if (a.error) throw a.error;
        await importPayloadFile(a.file, ctx, {
          result: (r, entry) => out.result(r, entry ? `${a.label}/${entry}` : a.label),
          error: (e, entry) => out.error(e, entry ? `${a.label}/${entry}` : a.label),
          failure: (stored) => out.failure(stored),
        }, await attachmentNotes(a));
      } catch (err) {
        const e = toImportError(err);
        if (e.code === 'dmarc.cancelled') throw e;
        out.error(e, a.label);
      }
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

async function extractAttachments(file: string, dir: string, ctx: ReportContext, feedback: FeedbackCapture): Promise<Attachment[]> {
  const found: Attachment[] = [];
  const boundaries: string[] = [];
  let state = 'headers' as 'headers' | 'body' | 'skip';
  let headerLines: string[] = [];
  let current: Attachment | undefined;
  let lines = 0;

  const write = (a: Attachment, buf: Buffer) => {
    if (a.error || buf.length === 0) return;
    a.bytes += buf.length;
    if (a.bytes > ctx.caps.maxBytes) a.error = importError('dmarc.too-large', `The attachment is larger than the ${ctx.caps.maxBytes}-byte cap.`);
    else fs.writeSync(a.fd, buf);
  };
  const finish = () => {
    feedback.finish();
    if (!current) return;
    if (current.decoder) write(current, current.decoder.end());
    current = undefined;
  };
  const begin = (info: PartInfo): Attachment | undefined => {
    const { type, params } = info.contentType;
    if (type.startsWith('multipart/') && params.boundary) {
      boundaries.push(params.boundary);
      state = 'skip'; // the preamble, up to the first boundary
      return undefined;
    }
    if (type === 'message/rfc822') {
      state = 'headers'; // a forwarded report e-mail (or a failure report's failed message): its own headers follow
      feedback.expectOriginal();
      return undefined;
    }
    state = 'body';
    if (feedback.begin(info) || !isReportCandidate(info)) return undefined;
    if (found.length >= ctx.caps.maxEntries) {
      throw importError('dmarc.too-many-entries', `The e-mail has more than ${ctx.caps.maxEntries} report attachments.`);
    }
    const target = path.join(dir, `part-${found.length}`);
    const a: Attachment = {
      label: info.filename || `attachment ${found.length + 1}`, file: target, fd: fs.openSync(target, 'w'), bytes: 0, decoder: decoderFor(info.encoding),
      declaredType: type,
    };
    if (!a.decoder) a.error = importError('dmarc.unsupported-file', `The attachment uses the unknown transfer encoding "${info.encoding}".`);
    found.push(a);
    return a;
  };

  try {
    for await (const { text, eol } of readLines(fs.createReadStream(file))) {
      if (++lines % 4096 === 0) ctx.signal?.throwIfAborted();
      if (state === 'headers') {
        if (text === '') {
          const headers = parseHeaders(headerLines);
          feedback.headers(headers);
          current = begin(partInfo(headers));
          headerLines = [];
        } else if (headerLines.length < 1000) headerLines.push(text);
        continue;
      }
      const hit = eol && text.startsWith('--') ? matchBoundary(text, boundaries) : undefined;
      if (hit) {
        finish();
        boundaries.length = hit.closing ? hit.depth : hit.depth + 1;
        state = hit.closing ? 'skip' : 'headers';
        continue;
      }
      if (state === 'body' && current?.decoder) write(current, current.decoder.line(text, eol));
      else if (state === 'body') feedback.line(text, eol);
    }
    finish();
    return found;
  } finally {
    for (const a of found) fs.closeSync(a.fd);
  }
}

/** `--b` opens the next part of multipart `b`, `--b--` closes it; the innermost boundary is tried first. */
function matchBoundary(line: string, boundaries: string[]): { depth: number; closing: boolean } | undefined {
  const trimmed = line.trimEnd();
  for (let depth = boundaries.length - 1; depth >= 0; depth--) {
    const b = boundaries[depth];
    if (trimmed === `--${b}`) return { depth, closing: false };
    if (trimmed === `--${b}--`) return { depth, closing: true };
  }
  return undefined;
}
