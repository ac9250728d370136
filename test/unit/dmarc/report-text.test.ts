import { describe, expect, it } from 'vitest';
import { RepairLog } from '../../../src-main/dmarc/import/repairs';
import { ReportTextDecoder } from '../../../src-main/dmarc/import/report-text';

/** Decodes `pieces` one after another, as the import feeds them, and returns the text and the notes. */
function decodeAll(pieces: Buffer[]): { text: string; notes: string[] } {
  const repairs = new RepairLog();
  const decoder = new ReportTextDecoder(repairs);
  const text = pieces.map((p) => decoder.decode(p)).join('') + decoder.end();
  return { text, notes: repairs.list().map((n) => n.message) };
}

/** Every way to cut `bytes` into two pieces. */
const cuts = (bytes: Buffer) => Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.subarray(0, i), bytes.subarray(i)]);

describe('ReportTextDecoder: plain ASCII pieces are copied, everything else decoded, with the same text', () => {
  it('reads a character whose bytes are cut between pieces, wherever the cut falls', () => {
    const bytes = Buffer.from('<header_from>caf\u00e9-\u{1F600}.example</header_from>\n', 'utf8');
    for (const pieces of cuts(bytes)) expect(decodeAll(pieces)).toEqual({ text: bytes.toString('utf8'), notes: [] });
  });

  it('does not copy an ASCII piece past the start of a character the previous piece left unfinished', () => {
    const { text, notes } = decodeAll([Buffer.from([0x61, 0xc3]), Buffer.from('bcd')]);
    expect(text).toBe('a\uFFFDbcd');
    expect(notes).toHaveLength(1);
  });

  it('keeps a U+FEFF that comes after ASCII text, and drops a byte order mark at the start', () => {
    expect(decodeAll([Buffer.from('<a>x</a>\n'), Buffer.from('\uFEFF<b/>', 'utf8')]).text).toBe('<a>x</a>\n\uFEFF<b/>');
    expect(decodeAll([Buffer.from('\uFEFF<a/>', 'utf8')]).text).toBe('<a/>');
  });

  it('notes a stray byte after ASCII pieces at its line and byte', () => {
    const { text, notes } = decodeAll([Buffer.from('<a>\n<b>\n'), Buffer.from([0x3c, 0x63, 0x3e, 0x91, 0x0a])]);
    expect(text).toBe('<a>\n<b>\n<c>\uFFFD\n');
    expect(notes).toEqual(['1 byte sequence(s) were not valid utf-8 and were read as "\uFFFD" (first at line 3, near byte 11).']);
  });

  it('reads a report in its declared single-byte encoding, not as ASCII-copied UTF-8', () => {
    const head = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>');
    expect(decodeAll([head, Buffer.from([0xe9, 0x3c, 0x2f, 0x61, 0x3e])]).text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>\u00e9</a>');
  });
});
