import { BehalfError } from '../../src-preload/api/errors';

/**
 * Spreadsheet bytes → text, saying which encoding was used (issue #22). Excel writes UTF-8 with a BOM
 * ("CSV UTF-8"), UTF-16 LE with a BOM ("Unicode text", tab-separated), or the Windows code page of the
 * locale ("CSV", Windows-1252 in Western Europe). Decoding happens in main for every door, so the console's
 * file picker sends bytes, never text its browser guessed at.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** Set when the encoding is a guess a person should confirm by reading the preview. */
  warning?: string;
}

const XLSX_HINT = 'In Excel or LibreOffice choose File › Save As › "CSV UTF-8 (comma delimited)" (or "Unicode text") and import that file.';

export function decodeCsvBytes(bytes: Uint8Array, fileName = ''): DecodedCsv {
  // A zip (xlsx, ods) or an OLE2 compound file (xls): a workbook, not text. Refused: reading workbooks would
  // need a large parser for a format Excel exports to CSV in two clicks.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (zip || ole || /\.(xlsx|xlsm|xls|ods)$/i.test(fileName)) {
    throw new BehalfError('csv.workbook', `${fileName || 'This file'} is a spreadsheet workbook, not CSV text.`, XLSX_HINT);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strictUtf8(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      encoding: 'windows-1252',
      warning:
        'This file is not UTF-8, so it was read as Windows-1252 (Western European): check accented letters in the preview. In your spreadsheet, "Save as CSV UTF-8" avoids the guess.',
    };
  }
}

function strictUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BehalfError(
      'csv.encoding',
      'This file starts with a UTF-8 mark but holds bytes that are not UTF-8.',
      'Open it in your spreadsheet and save it again as "CSV UTF-8".',
    );
  }
}

/** UTF-16 without a BOM: ASCII text then has a zero in every other byte (even offsets zero → big-endian). */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero === 0) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero === 0) return 'utf-16be';
  return null;
}

/** What a person reads in a preview: "UTF-16 LE (Excel Unicode text)". */
export const ENCODING_LABEL: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM (Excel "CSV UTF-8")',
  'utf-16le': 'UTF-16 LE (Excel "Unicode text")',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (a guess)',
};
