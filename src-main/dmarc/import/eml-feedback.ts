import { decoderFor, type LineDecoder } from './decoders';
import { parseHeaders, type PartInfo } from './mime';

/** The machine-readable parts of an RFC 6591 failure report, gathered while an e-mail streams past. */
export interface FeedbackParts {
  /** The message/feedback-report part's fields (RFC 5965), lower-cased names. */
  fields: Map<string, string>;
  /** Headers of the message that failed (message/rfc822 or text/rfc822-headers part). */
  original?: Map<string, string>;
  /** The report e-mail's own headers (who sent the report). */
  outer: Map<string, string>;
}

/** Feedback parts are a few KB; anything far larger is not one, and is not held. */
const MAX_PART_BYTES = 256 * 1024;

/**
 * Side-car of the e-mail reader (read-eml.ts) for failure reports: it sees every header block and claims the
 * parts an aggregate-report reader has no use for — message/feedback-report and text/rfc822-headers — keeping
 * their decoded text (bounded), and the header block that follows a message/rfc822 part (the failed message).
 */
export class FeedbackCapture {
  private outer: Map<string, string> | undefined;
  private original: Map<string, string> | undefined;
  private fields: Map<string, string> | undefined;
  private originalNext = false;
  private part: { kind: 'fields' | 'original'; decoder: LineDecoder; chunks: Buffer[]; bytes: number } | undefined;

  /** Every header block, in order. */
  headers(h: Map<string, string>): void {
    this.outer ??= h;
    if (this.originalNext) {
      this.original ??= h;
      this.originalNext = false;
    }
  }

  /** True when this part is ours (the reader then just feeds its lines to `line`). */
  begin(info: PartInfo): boolean {
    const type = info.contentType.type;
    if (type === 'message/rfc822' || type === 'message/rfc822-headers') this.originalNext = this.fields !== undefined || this.originalNext;
    if (type !== 'message/feedback-report' && type !== 'text/rfc822-headers') return false;
    const decoder = decoderFor(info.encoding);
    if (!decoder) return false;
    this.part = { kind: type === 'message/feedback-report' ? 'fields' : 'original', decoder, chunks: [], bytes: 0 };
    return true;
  }

  /** After message/feedback-report comes the failed message: its header block is the "original". */
  expectOriginal(): void {
    if (this.fields) this.originalNext = true;
  }

  line(text: string, eol: boolean): void {
    const p = this.part;
    if (!p || p.bytes > MAX_PART_BYTES) return;
    const buf = p.decoder.line(text, eol);
    p.bytes += buf.length;
    p.chunks.push(buf);
  }

  finish(): void {
    const p = this.part;
    if (!p) return;
    this.part = undefined;
    p.chunks.push(p.decoder.end());
    const lines = Buffer.concat(p.chunks).toString('utf8').split(/\r?\n/);
    const map = parseHeaders(lines);
    if (p.kind === 'fields') this.fields ??= map;
    else this.original ??= map;
  }

  result(): FeedbackParts | undefined {
    return this.fields && this.outer ? { fields: this.fields, original: this.original, outer: this.outer } : undefined;
  }
}
