import fs from 'node:fs';
import { consumeReport, type ReportContext } from './consume-xml';
import type { ReportOutcomes } from './outcomes';
import { RepairLog, type RepairNote } from './repairs';
import { importZipFile } from './read-zip';
import { INFLATE_PIECE_BYTES, reportBytes, sniffFile } from './streams';

/** A file that holds report data (XML, gzip or zip), dispatched on its first bytes rather than its name. */
/** `carried`: notes about the file's way here (e.g. the e-mail it came in), added to each of its reports. */
export async function importPayloadFile(file: string, ctx: ReportContext, out: ReportOutcomes, carried: readonly RepairNote[] = []): Promise<void> {
  const kind = await sniffFile(file);
  if (kind === 'zip') return importZipFile(file, ctx, out, carried);
  const repairs = new RepairLog();
  repairs.addAll(carried);
  out.result(await consumeReport(reportBytes(fs.createReadStream(file, { highWaterMark: INFLATE_PIECE_BYTES }), kind, ctx.caps, repairs), ctx, repairs));
}
