import { isAscii } from 'node:buffer';
import type { RepairLog } from './repairs';

/**
 * Turns a report's bytes into text without refusing it for a stray byte. RFC 7489 reports are UTF-8, but
 * some reporters copy Latin-1 header values into them (parsedmarc's invalid_utf_8 sample: a 0x91 in
 * <header_from>). Such bytes become U+FFFD and the report gets a note saying where the first one was, so a
 * person can judge whether it matters (it usually sits in a From value, not in a count).
 * A report that declares another encoding in its XML declaration (ISO-8859-1, windows-1252…) is read in it.
 */
export class ReportTextDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private bytes = 0;
  private lines = 1;
  private replaced = 0;
  private firstAt = '';
  /** The streaming decoder holds no bytes of an unfinished character. */
  private clean = true;
  private decoderUsed = false;

  constructor(private readonly repairs: RepairLog) {}

  decode(chunk: Buffer, final = false): string {
    this.decoder ??= new TextDecoder(declaredEncoding(chunk) ?? 'utf-8');
    // Nearly every report is plain ASCII: then (in UTF-8, nothing held from the last piece) its bytes are its
    // characters, and a one-byte string is a copy — ~8× cheaper than decoding, and no U+FFFD can be in it.
    const ascii = this.clean && this.decoder.encoding === 'utf-8' && isAscii(chunk);
    if (!ascii && !this.decoderUsed && this.bytes > 0) {
      // Text has begun already: a U+FEFF here is a character, not a byte order mark to drop.
      this.decoder = new TextDecoder(this.decoder.encoding, { ignoreBOM: true });
    }
    const text = ascii ? chunk.toString('latin1') : this.decoder.decode(chunk, { stream: !final });
    if (!ascii) {
      this.decoderUsed = true;
      const bad = text.indexOf('\uFFFD');
      if (bad >= 0) this.note(text, bad);
      // The streaming decoder holds the bytes of a character cut at the end of a piece; only an ASCII last byte says none.
      this.clean = chunk.length === 0 ? this.clean : chunk[chunk.length - 1]! < 0x80;
    }
    this.bytes += chunk.length;
    if (this.replaced === 0) this.lines += countLines(text);
    return text;
  }

  end(): string {
    return this.decode(Buffer.alloc(0), true);
  }

  private note(text: string, first: number): void {
    let n = 0;
    for (let i = first; i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
    if (this.replaced === 0) {
      const before = text.slice(0, first);
      const line = this.lines + countLines(before);
      this.firstAt = `line ${line}, near byte ${this.bytes + Buffer.byteLength(before)}`;
    }
    this.replaced += n;
    // One note per report, rewritten as the count grows (RepairLog keeps the first message per code).
    this.repairs.replace(
      'dmarc.repair.not-utf8',
      `${this.replaced} byte sequence(s) were not valid ${this.decoder?.encoding ?? 'utf-8'} and were read as "\uFFFD" (first at ${this.firstAt}).`,
    );
  }
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The encoding named in `<?xml … encoding="…"?>`, if TextDecoder knows it. */
function declaredEncoding(head: Buffer): string | undefined {
  const m = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 200).toString('latin1'));
  if (!m?.[1]) return undefined;
  try {
    return new TextDecoder(m[1]).encoding;
  } catch {
    return undefined; // an unknown label: read as UTF-8, the format's own encoding
  }
}
