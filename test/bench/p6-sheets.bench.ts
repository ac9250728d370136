import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { expect, it } from 'vitest';
import { buildSheet } from '../../src-main/sheets/model';
import { renderSheet } from '../../src-main/sheets/render';
import { exportSheetsZip } from '../../src-main/sheets/export-zip';
import type { SheetInput } from '../../src-main/sheets/types';
import { option1Input } from '../unit/sheets/fixtures';
import { profile } from './support/profile';
import { writeResult } from './support/results';
import { round, since } from './support/stats';

const N = Number(process.env.BENCH_SHEETS ?? 1000);

function inputFor(i: number): SheetInput {
  const domain = `tenant-${i}.example`;
  return option1Input({
    tenant: { name: `Tenant ${i}`, domain, contactName: `Contact ${i}` },
    records: {
      dkim: { host: `20240817055129pm._domainkey.${domain}`, value: option1Input().records!.dkim!.value },
      returnPath: { host: `pm-bounces.${domain}`, target: 'pm.mtasv.net' },
      dmarc: { host: `_dmarc.${domain}`, value: 'v=DMARC1; p=none; rua=mailto:dmarc@behalf-vendor.com' },
    },
    provider: (['godaddy', 'cloudflare', 'generic'] as const)[i % 3],
  });
}

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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-p6-'));
  const t0 = process.hrtime.bigint();
  const sheets = Array.from({ length: N }, (_, i) => buildSheet(inputFor(i)));
  const exported = await exportSheetsZip(sheets, 'pdf', path.join(dir, 'sheets.zip'));
  const pooledMs = since(t0);
  expect(exported.entries.length).toBe(N);
  fs.rmSync(dir, { recursive: true, force: true });

  await renderSheet(buildSheet(inputFor(-1)), 'pdf'); // fonts load once per process: not part of each sheet
  let bytes = 0;
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const pdf = await renderSheet(buildSheet(inputFor(i)), 'pdf');
    bytes += pdf.length;
  }
  const pdfMs = since(t);
  expect(bytes).toBeGreaterThan(N * 1000);

  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await renderSheet(buildSheet(inputFor(i)), 'md');
  const mdMs = since(t);
  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await emptyPdf();
  const emptyMs = since(t);

  // What a PDF sheet spends its time on (bench-results/P6.cpuprofile).
  const hot = await profile('P6', async () => {
    for (let i = 0; i < 20; i++) await renderSheet(buildSheet(inputFor(i)), 'pdf');
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
      pdfMs: round(pdfMs),
      mdMs: round(mdMs),
      emptyPdfMs: round(emptyMs),
      avgBytes: Math.round(bytes / N),
      profileTop: hot,
    },
  });
});
