import { spawnSync } from 'node:child_process';
import os from 'node:os';
import PDFDocument from 'pdfkit';
import { expect, it } from 'vitest';
import { buildSheet } from '../../src-main/sheets/model';
import { renderSheet } from '../../src-main/sheets/render';
import { bundleChild } from './support/bundle';
import { profile } from './support/profile';
import { writeResult } from './support/results';
import { benchSheetInput } from './support/sheet-inputs';
import { round, since } from './support/stats';

const N = Number(process.env.BENCH_SHEETS ?? 1000);

/** pdfkit with nothing on the page: the floor any PDF sheet pays (document, font subset, stream). */
function emptyPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * P6: 1,000 PDF instruction sheets as the bulk export makes them (buildSheet each, then `exportSheetsZip`: the
 * worker pool, one thread per core, and the zip), against the same sheets rendered one after another on this
 * thread, 1,000 Markdown renders and 1,000 empty pdfkit documents.
 */
it('P6 1,000 PDF instruction sheets', async () => {
  // The export in a child on the bundle, its pool starting the bundled worker as the app's does. Run here, from the
  // sources, each worker transpiled its TypeScript first: 1.8 s more on a fresh clone's empty transpile cache.
  const child = await bundleChild('test/bench/children/p6-export-child.ts', { 'sheets-pdf-worker.js': 'src-main/sheets/pdf-pool/pdf-worker.ts' });
  const run = spawnSync(process.execPath, [child, String(N)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the P6 child exited with ${run.status}`);
  const exported = JSON.parse(run.stdout) as { ms: number; cpuMs: number; entries: number; bytes: number; workers: number; workerScript: string | null };
  expect(exported.entries).toBe(N);
  expect(exported.workerScript?.endsWith('sheets-pdf-worker.js')).toBe(true); // the pool ran, on the bundled worker
  const pooledMs = exported.ms;

  await renderSheet(buildSheet(benchSheetInput(-1)), 'pdf'); // fonts load once per process: not part of each sheet
  let bytes = 0;
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const pdf = await renderSheet(buildSheet(benchSheetInput(i)), 'pdf');
    bytes += pdf.length;
  }
  const pdfMs = since(t);
  expect(bytes).toBeGreaterThan(N * 1000);

  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await renderSheet(buildSheet(benchSheetInput(i)), 'md');
  const mdMs = since(t);
  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await emptyPdf();
  const emptyMs = since(t);

  // What a PDF sheet spends its time on (bench-results/P6.cpuprofile).
  const hot = await profile('P6', async () => {
    for (let i = 0; i < 20; i++) await renderSheet(buildSheet(benchSheetInput(i)), 'pdf');
  });
  writeResult({
    id: 'P6',
    work: `${N.toLocaleString('en')} PDF instruction sheets, bulk export (buildSheet + exportSheetsZip pdf: ${os.availableParallelism()} worker threads + zip)`,
    figure: `${round(pooledMs / 1000, 2)} s (${round(pooledMs / N, 1)} ms/sheet, ${round(exported.bytes / 2 ** 20, 1)} MB zip); one thread, no zip: ${round(pdfMs / 1000, 2)} s (${round(bytes / N / 1024, 1)} KB avg)`,
    baseline: `${N} Markdown: ${round(mdMs / 1000, 2)} s; ${N} empty pdfkit docs: ${round(emptyMs / 1000, 2)} s`,
    goal: `≤ 10 s (${round(pdfMs / pooledMs, 2)}× one thread; ${round(pooledMs / emptyMs, 1)}× an empty PDF)`,
    met: pooledMs <= 10_000,
    details: {
      sheets: N,
      workers: os.availableParallelism(),
      pooledExportMs: round(pooledMs),
      pooledExportCpuMs: round(exported.cpuMs),
      pdfMs: round(pdfMs),
      mdMs: round(mdMs),
      emptyPdfMs: round(emptyMs),
      avgBytes: Math.round(bytes / N),
      profileTop: hot,
    },
  });
});
