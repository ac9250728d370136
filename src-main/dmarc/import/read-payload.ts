import fs from 'node:fs';
import { consumeReport, type ReportContext } from './consume-xml';
import type { ReportOutcomes } from './outcomes';
import { importZipFile } from './read-zip';
import { reportBytes, sniffFile } from './streams';

/** A file that holds report data (XML, gzip or zip), dispatched on its first bytes rather than its name. */
export async function importPayloadFile(file: string, ctx: ReportContext, out: ReportOutcomes): Promise<void> {
  const kind = await sniffFile(file);
  if (kind === 'zip') return importZipFile(file, ctx, out);
  out.result(await consumeReport(reportBytes(fs.createReadStream(file), kind, ctx.caps), ctx));
}
