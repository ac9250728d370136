import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Attachment } from 'postal-mime';
import type { BehalfError } from '../../../src-preload/api/errors';
import type { ReportContext } from './consume-xml';
import { importError, toImportError } from './errors';
import { countBase64Noise } from './base64-noise';
import { feedbackParts } from './eml-feedback';
import { importFailure } from '../failures/import-failure';
import type { ReportOutcomes } from './outcomes';
import { importPayloadFile } from './read-payload';
import { headerMap, readEmail } from './read-email';
import type { RepairNote } from './repairs';
import { DECLARED_KIND, isReportCandidate } from './report-attachment';
import { sniffFile } from './streams';

interface SavedAttachment {
  label: string;
  file: string;
  /** The part's Content-Type, to compare with what its bytes turn out to be. */
  declaredType: string;
  /** Non-base64 characters skipped while decoding it. */
  noise: number;
  error?: BehalfError;
}

/** What was tolerated in reading an attachment, carried onto each report inside it. */
async function attachmentNotes(a: SavedAttachment): Promise<RepairNote[]> {
  const notes: RepairNote[] = [];
  if (a.noise > 0) {
    notes.push({ code: 'dmarc.repair.base64-noise', message: `The attachment's base64 held ${a.noise} character(s) that are not base64; they were skipped.` });
  }
  const actual = await sniffFile(a.file);
  const declared = DECLARED_KIND[a.declaredType];
  if (declared ? declared !== actual : !/gzip|zip|octet-stream|xml/.test(a.declaredType)) {
    notes.push({
      code: 'dmarc.repair.attachment-type',
      message: `The attachment is declared as ${a.declaredType} but holds ${actual === 'xml' ? 'XML' : actual}; it was read by its content.`,
    });
  }
  return notes;
}

/**
 * Imports the reports attached to a saved e-mail (.eml), parsed by postal-mime (read-email.ts caps its size).
 * Each report attachment is written to a private temp file (zip needs random access) and imported like a file
 * given directly, where the size, ratio and bomb checks apply. Body text and unrelated attachments are ignored.
 */
export async function importEmlFile(file: string, ctx: ReportContext, out: ReportOutcomes): Promise<void> {
  const { email, raw } = await readEmail(file, ctx.caps, ctx.signal);
  const failure = await feedbackParts(email.attachments, headerMap(email));
  const reports = email.attachments.filter(
    (part) => part.mimeType !== 'message/feedback-report' && part.mimeType !== 'text/rfc822-headers' && isReportCandidate(part),
  );
  if (reports.length > ctx.caps.maxEntries) {
    throw importError('dmarc.too-many-entries', `The e-mail has more than ${ctx.caps.maxEntries} report attachments.`);
  }
  if (failure) importFailure(failure, ctx, out);
  else if (reports.length === 0) {
    throw importError('dmarc.not-a-report', 'The e-mail has no report attachment (.xml, .xml.gz or .zip) and is not a failure report.');
  }
  if (reports.length === 0) return;
  const dir = await fs.promises.mkdtemp(path.join(ctx.caps.tempDir ?? os.tmpdir(), 'behalf-dmarc-'));
  try {
    const saved = await Promise.all(reports.map((part, i) => saveAttachment(part, i, dir, raw, ctx)));
    for (const a of saved) {
      try {
        if (a.error) throw a.error;
        await importPayloadFile(
          a.file,
          ctx,
          {
            result: (r, entry) => out.result(r, entry ? `${a.label}/${entry}` : a.label),
            error: (e, entry) => out.error(e, entry ? `${a.label}/${entry}` : a.label),
            failure: (stored) => out.failure(stored),
          },
          await attachmentNotes(a),
        );
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

/** Writes one decoded attachment to the temp folder; one over the size cap is not written, and says so. */
async function saveAttachment(part: Attachment, index: number, dir: string, raw: string, ctx: ReportContext): Promise<SavedAttachment> {
  const bytes = typeof part.content === 'string' ? Buffer.from(part.content) : new Uint8Array(part.content);
  const a: SavedAttachment = {
    label: part.filename || `attachment ${index + 1}`,
    file: path.join(dir, `part-${index}`),
    declaredType: part.mimeType,
    noise: 0,
  };
  if (bytes.byteLength > ctx.caps.maxBytes) {
    a.error = importError('dmarc.too-large', `The attachment is larger than the ${ctx.caps.maxBytes}-byte cap.`);
    return a;
  }
  a.noise = countBase64Noise(raw, bytes);
  await fs.promises.writeFile(a.file, bytes);
  return a;
}
