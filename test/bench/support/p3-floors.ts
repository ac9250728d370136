import fs from 'node:fs';
import path from 'node:path';
import { resolveCaps } from '../../../src-main/dmarc/import/caps';
import { writeBytes } from '../../../src-main/dmarc/import/consume-xml';
import { ReportDigest } from '../../../src-main/dmarc/import/report-digest';
import { ReportXmlParser } from '../../../src-main/dmarc/import/report-parser';
import { ReportTextDecoder } from '../../../src-main/dmarc/import/report-text';
import type { ReportRow } from '../../../src-main/dmarc/import/report-types';
import { RepairLog } from '../../../src-main/dmarc/import/repairs';
import { ReportWriter } from '../../../src-main/dmarc/import/report-writer-store';
import { reportBytes } from '../../../src-main/dmarc/import/streams';
import { openLedger } from '../../../src-main/ledger/open';

/**
 * The two halves of a DMARC import, each alone on one thread with nothing else running: what bounds P3 when the
 * import runs them side by side (the import thread parses while the row writer's thread writes).
 * - `parseMs`: gunzip, decode and parse the .gz (no ledger), fed to the parser as the import feeds it; the rows are
 *   kept for the second half.
 * - `writeMs`: the same rows through `ReportWriter` (JSON and the digest of it, stage, copy into dmarc_rows and its 3
 *   indexes, publish) into a fresh ledger file.
 */
export async function importFloors(gz: string, dir: string): Promise<{ parseMs: number; writeMs: number; rows: number }> {
  const rows: ReportRow[] = [];
  const repairs = new RepairLog();
  let t = performance.now();
  const parser = new ReportXmlParser({ onRow: (r) => rows.push(r) }, undefined, repairs);
  const decoder = new ReportTextDecoder(repairs);
  for await (const chunk of reportBytes(fs.createReadStream(gz), 'gzip', resolveCaps({}), repairs)) writeBytes(parser, decoder, chunk as Buffer);
  parser.write(decoder.end());
  const header = parser.end();
  const parseMs = performance.now() - t;

  const db = openLedger(path.join(dir, 'floor.sqlite'));
  try {
    t = performance.now();
    const writer = new ReportWriter(db, () => header, { sourceFile: gz, importedAt: new Date().toISOString() }, new ReportDigest());
    for (const r of rows) writer.add(r);
    await writer.commit(header, { sourceFile: gz, importedAt: new Date().toISOString(), repairs });
    writer.dispose();
    return { parseMs, writeMs: performance.now() - t, rows: rows.length };
  } finally {
    db.close();
  }
}
