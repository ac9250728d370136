import { suggestDomain, unicodeDomain } from '../../src-preload/api/domain-input';
import type { CsvImportResult } from '../../src-preload/api/tenant-queries';
import { decodeCsvBytes, ENCODING_LABEL } from './csv-decode';
import { DELIMITER_LABEL } from './csv';
import { validateCsv, type CsvValidation } from './csv-import';

/** Rows shown in a preview: enough to recognise the file, few enough to send on every dry run. */
const PREVIEW_ROWS = 500;

export interface ImportPlan extends CsvValidation {
  detected: NonNullable<CsvImportResult['detected']>;
  preview: CsvImportResult['preview'];
  /** A guessed encoding (Windows-1252) or a www. host: the CLI asks for --as-is before writing (the console shows the preview). */
  needsConsent: boolean;
}

/**
 * Bytes or text → decoded, split, validated rows plus what was detected, in words a preview can show.
 * Everything the tenant service needs before it decides to write (it writes nothing here).
 */
export function planImport(input: string | Uint8Array, source: 'file' | 'paste' = 'file', fileName = ''): ImportPlan {
  const decoded = typeof input === 'string' ? { text: input, encoding: null, warning: undefined } : decodeCsvBytes(input, fileName);
  const v = validateCsv(decoded.text, source);
  if (decoded.warning) v.notes.unshift({ row: 0, message: decoded.warning });
  return {
    ...v,
    detected: {
      encoding: decoded.encoding ? ENCODING_LABEL[decoded.encoding] : source === 'paste' ? 'pasted text' : 'text',
      delimiter: DELIMITER_LABEL[v.delimiter],
      header: v.header,
    },
    preview: v.drafts
      .slice(0, PREVIEW_ROWS)
      .map(({ line, draft }) => ({ line, name: draft.name, domain: draft.domain, unicode: unicodeDomain(draft.domain), contactEmail: draft.contactEmail })),
    needsConsent: decoded.encoding === 'windows-1252' || v.drafts.some(({ draft }) => suggestDomain(draft.domain) !== null),
  };
}
