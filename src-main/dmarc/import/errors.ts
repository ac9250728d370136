import { BehalfError } from '../../../src-preload/api/errors';

/** Every way one report file can be refused. Stable: the CLI's --json output and the UI key on them. */
export type DmarcImportCode =
  | 'dmarc.dtd-forbidden'
  | 'dmarc.malformed-xml'
  | 'dmarc.not-a-report'
  | 'dmarc.invalid-report'
  | 'dmarc.bomb'
  | 'dmarc.too-large'
  | 'dmarc.too-many-entries'
  | 'dmarc.truncated'
  | 'dmarc.corrupt-archive'
  | 'dmarc.unsupported-file'
  | 'dmarc.file-not-found'
  | 'dmarc.no-report-files'
  | 'dmarc.unreadable'
  | 'dmarc.cancelled'
  | 'dmarc.import-busy'
  | 'dmarc.internal';

const HINTS: Record<DmarcImportCode, string> = {
  'dmarc.dtd-forbidden': 'DMARC reports never need a DOCTYPE; this file is refused for safety. Ask the sender for a plain report.',
  'dmarc.malformed-xml': 'The file is not well-formed XML. Download the report again; if it repeats, it is the reporter’s bug.',
  'dmarc.not-a-report': 'This is not a DMARC aggregate report (<feedback> with report_metadata and policy_published).',
  'dmarc.invalid-report': 'The report has a value that cannot be right (see the message). Download it again or skip it.',
  'dmarc.bomb': 'The file expands far more than real reports do (a compression bomb). It was not unpacked.',
  'dmarc.too-large': 'Raise the size cap only if you trust the file’s source.',
  'dmarc.too-many-entries': 'Real report archives hold one or a few files. Unpack it yourself if you trust it.',
  'dmarc.truncated': 'The file ends early (interrupted download or copy). Download it again.',
  'dmarc.corrupt-archive': 'The archive is damaged. Download it again.',
  'dmarc.unsupported-file': 'Import .xml, .xml.gz, .zip or .eml files, or a folder containing them.',
  'dmarc.file-not-found': 'Check the path.',
  'dmarc.no-report-files': 'Point at the folder where the report attachments were saved.',
  'dmarc.unreadable': 'Check the file permissions.',
  'dmarc.cancelled': 'Run the import again to finish; reports already imported are kept and will be skipped as duplicates.',
  'dmarc.import-busy': 'Another import is writing a report with the same id right now. Import this file again once it has finished.',
  'dmarc.internal': 'This is a bug in Behalf: please report it with the file that caused it, if you can share it.',
};

/** What to do about a refused file, for UIs that show `errors[]` from an import result. */
export function importHint(code: string): string | undefined {
  return (HINTS as Record<string, string>)[code];
}

export function importError(code: DmarcImportCode, message: string): BehalfError {
  return new BehalfError(code, message, HINTS[code]);
}

/** Maps whatever a stream, zlib, yauzl or saxes threw onto one of our codes, keeping our own errors as they are. */
export function toImportError(err: unknown): BehalfError {
  if (err instanceof BehalfError) return err;
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (e?.name === 'AbortError' || code === 'ABORT_ERR') return importError('dmarc.cancelled', 'The import was cancelled.');
  if (code === 'ENOENT') return importError('dmarc.file-not-found', 'The file does not exist.');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') return importError('dmarc.unreadable', `The file cannot be read (${code}).`);
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
    return importError('dmarc.malformed-xml', 'The report is not UTF-8 text: it holds bytes that are not valid UTF-8.');
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) return importError('dmarc.truncated', 'The gzip data ends before its end marker.');
  if (code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) return importError('dmarc.corrupt-archive', `The gzip data is damaged (${message}).`);
  return importError('dmarc.internal', `Unexpected failure: ${message}`);
}
