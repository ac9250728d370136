import type { Database } from 'better-sqlite3';
import { BehalfError } from '../../../src-preload/api/errors';
import { addImportResult } from '../import';
import { importUploads, type UploadImportResult } from '../upload-import';
import type { PostmarkDmarcClient } from './client';
import { isPublishedReport } from '../import/staging-store';
import { importJsonReport, parseJsonReport } from './json-report';

export interface PullResult extends UploadImportResult {
  /** Report entries Postmark listed for the range. */
  listed: number;
}

export interface PullOptions {
  fromDate?: string;
  toDate?: string;
  signal?: AbortSignal;
  progress?: (done: number, total: number, message?: string) => void;
  /** Reports imported per importer run: bounds memory, and what is done stays done if a later batch fails. */
  batchSize?: number;
}

/**
 * Pulls Postmark DMARC's aggregate reports into the ledger through the same streaming importer as files:
 * list (following next_url), skip reports the ledger already has (org + report id, no download), download
 * the rest and import them. A report may come as JSON (imported through the JSON adapter into the same store)
 * or as a raw file (XML, gz, zip; straight from the API or via a 303 / source_uri). A report that cannot be
 * downloaded is one error; the others go on.
 */
export async function pullPostmarkDmarcReports(db: Database, client: PostmarkDmarcClient, opts: PullOptions = {}): Promise<PullResult> {
  const entries = await client.listReports({ fromDate: opts.fromDate, toDate: opts.toDate }, opts.signal);
  // A report another import is still writing is downloaded anyway: should that import fail, this one counts.
  const result: PullResult = { listed: entries.length, files: 0, imported: 0, duplicates: 0, records: 0, messages: 0, failures: 0, errors: [], repaired: [] };
  const todo = entries.filter((e) => {
    const have = e.organization_name && e.external_id && isPublishedReport(db, e.organization_name, e.external_id);
    if (have) result.duplicates++;
    return !have;
  });
  const batchSize = opts.batchSize ?? 20;
  for (let i = 0; i < todo.length; i += batchSize) {
    const uploads: Array<{ name: string; base64: string }> = [];
    for (const e of todo.slice(i, i + batchSize)) {
      if (opts.signal?.aborted)
        throw new BehalfError('postmark-dmarc.cancelled', 'The pull was cancelled.', 'Reports already imported stay; pull again to continue.');
      let name = `postmark-dmarc-${e.id}.xml`;
      opts.progress?.(i + uploads.length, todo.length, `Downloading ${e.organization_name ?? 'report'} ${e.external_id ?? e.id}`);
      try {
        const got = await client.report(e.id);
        if (got.kind === 'file') {
          name = `postmark-dmarc-${e.id}${got.ext}`;
          uploads.push({ name, base64: got.bytes.toString('base64') });
          continue;
        }
        name = `postmark-dmarc-${e.id}.json`;
        const r = await importJsonReport(db, parseJsonReport(got.report), name);
        result.files++;
        if (r.outcome === 'duplicate') result.duplicates++;
        else {
          result.imported++;
          result.records += r.rows;
          result.messages += r.messages;
        }
      } catch (err) {
        if (!(err instanceof BehalfError) || err.code === 'postmark-dmarc.unauthorized') throw err;
        result.files++;
        result.errors.push({ file: name, code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) });
      }
    }
    if (uploads.length === 0) continue;
    const r = await importUploads(db, uploads, { signal: opts.signal });
    addImportResult<UploadImportResult>(result, r);
  }
  opts.progress?.(todo.length, todo.length);
  return result;
}
