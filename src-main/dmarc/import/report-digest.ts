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
  /** Rows' text not hashed yet: one native update per ROWS_PER_UPDATE rows (the same digest as one per row). */
  private held: string[] = [];

  row(r: ReportRow): void {
    const dkim = r.dkimAuth.map((d) => `${d.domain}\x1e${d.selector}\x1e${d.result}`).join('\x1d');
    const spf = r.spfAuth.map((d) => `${d.domain}\x1e${d.scope}\x1e${d.result}`).join('\x1d');
    // \x1c–\x1f never occur in XML text, so the join is unambiguous.
    this.held.push(
      `${r.sourceIp}\x1f${r.count}\x1f${r.disposition}\x1f${r.dkim}\x1f${r.spf}\x1f${r.reasons.join('\x1e')}\x1f${r.headerFrom}\x1f${r.envelopeFrom}\x1f${r.envelopeTo}\x1f${dkim}\x1f${spf}\x1c`,
    );
    if (this.held.length === ROWS_PER_UPDATE) this.flush();
  }

  /** The hex digest; call once, after the last row. */
  finish(header: ReportHeader): string {
    this.flush();
    return this.hash.update(JSON.stringify(header)).digest('hex');
  }

  private flush(): void {
    if (this.held.length > 0) this.hash.update(this.held.join(''));
    this.held = [];
  }
}
