import { createHash } from 'node:crypto';
import type { ReportHeader, ReportRow } from './report-types';

/** ~30 KB of text: a join well under V8's 128 KiB large-object size (see consume-xml.ts' PIECE_BYTES). */
const ROWS_PER_UPDATE = 256;

/**
 * What a report says, as a digest: its header and rows, not its bytes (the same report sent as .xml, .gz or a
 * 7bit attachment differs in line ends). Tells a re-send (a duplicate) from a different report that reuses its
 * reporter's report id. Every reader that commits a report (XML, Postmark's JSON) feeds one.
 */
export class ReportDigest {
  private readonly hash = createHash('sha256');
  /**
   * Rows' text not hashed yet, as the pieces of one string: one native update per ROWS_PER_UPDATE rows (the same
   * digest as one per row). Pieces, not a string per row: a row's 30-odd joined pieces made a tree of strings that
   * V8 copied piece by piece when it flattened them for the join.
   */
  private held: Array<string | number> = [];
  private heldRows = 0;

  row(r: ReportRow): void {
    // \x1c–\x1f never occur in XML text, so the join is unambiguous.
    const p = this.held;
    p.push(r.sourceIp, '\x1f', r.count, '\x1f', r.disposition, '\x1f', r.dkim, '\x1f', r.spf, '\x1f');
    for (let i = 0; i < r.reasons.length; i++) p.push(i === 0 ? '' : '\x1e', r.reasons[i]!);
    p.push('\x1f', r.headerFrom, '\x1f', r.envelopeFrom, '\x1f', r.envelopeTo, '\x1f');
    for (let i = 0; i < r.dkimAuth.length; i++) {
      const d = r.dkimAuth[i]!;
      p.push(i === 0 ? '' : '\x1d', d.domain, '\x1e', d.selector, '\x1e', d.result);
    }
    p.push('\x1f');
    for (let i = 0; i < r.spfAuth.length; i++) {
      const d = r.spfAuth[i]!;
      p.push(i === 0 ? '' : '\x1d', d.domain, '\x1e', d.scope, '\x1e', d.result);
    }
    p.push('\x1c');
    if (++this.heldRows === ROWS_PER_UPDATE) this.flush();
  }

  /** The hex digest; call once, after the last row. */
  finish(header: ReportHeader): string {
    this.flush();
    return this.hash.update(JSON.stringify(header)).digest('hex');
  }

  private flush(): void {
    if (this.held.length > 0) this.hash.update(this.held.join(''));
    this.held = [];
    this.heldRows = 0;
  }
}
