import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSheetsZip } from '../../../src-main/sheets/export-zip';
import { buildSheet } from '../../../src-main/sheets/model';
import { pdfWorkerScript } from '../../../src-main/sheets/pdf-pool/worker-script';
import { benchSheetInput } from '../support/sheet-inputs';

/**
 * Child process for P6: the bulk PDF export as the app runs it, bundled, with its worker built as its own file
 * beside it (the app's `sheets-pdf-worker.js`), so the pool's threads start the bundled worker and not the
 * TypeScript sources through a transpiler. Builds the sheets and exports them into a zip in a temp folder, timed
 * from the first sheet built to the zip closed. Prints one JSON line.
 * argv: <sheets>
 */
const n = Number(process.argv[2]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-p6-'));
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
const sheets = Array.from({ length: n }, (_, i) => buildSheet(benchSheetInput(i)));
const exported = await exportSheetsZip(sheets, 'pdf', path.join(dir, 'sheets.zip'));
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const used = process.cpuUsage(cpu);
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, entries: exported.entries.length, bytes: exported.bytes, workers: os.availableParallelism(), workerScript: pdfWorkerScript() ?? null })}\n`,
);
