import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { exportSheetsZip, type ExportProgress } from '../../../src-main/sheets/export-zip';
import { buildSheet } from '../../../src-main/sheets/model';
import { createPdfPool } from '../../../src-main/sheets/pdf-pool/pdf-pool';
import { renderSheet } from '../../../src-main/sheets/render';
import type { Sheet } from '../../../src-main/sheets/types';
import yauzl from 'yauzl';
import { option1Input, optionInput } from './fixtures';

/**
 * Bulk PDF export renders on worker threads (src-main/sheets/pdf-pool). The bytes must be the ones this thread
 * renders, sheet for sheet, whatever order the workers finish in; progress and cancel work as before.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-pdf-pool-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A distinct tenant's option-1 sheet, as the P6 bench builds them. */
function tenantSheet(i: number, provider: 'generic' | 'cloudflare'): Sheet {
  const domain = `tenant-${i}.example`;
  return buildSheet(
    option1Input({
      tenant: { name: `Tenant ${i}`, domain, contactName: `Contact ${i}` },
      records: {
        dkim: { host: `20240817055129pm._domainkey.${domain}`, value: option1Input().records!.dkim!.value },
        returnPath: { host: `pm-bounces.${domain}`, target: 'pm.mtasv.net' },
        dmarc: { host: `_dmarc.${domain}`, value: 'v=DMARC1; p=none; rua=mailto:dmarc@behalf-vendor.com' },
      },
      provider,
    }),
  );
}

const SHEETS: Sheet[] = [
  buildSheet(option1Input({ tenant: { name: 'Ørsted ﬁnance Ελληνικά', domain: 'acme.com', contactName: 'Zoë' } })),
  buildSheet(option1Input({ provider: 'route53' })),
  buildSheet(optionInput(2, { tenant: { name: 'Société Générale', domain: 'example.fr', contactName: '' } })),
  buildSheet(optionInput(3)),
  tenantSheet(5, 'generic'),
  tenantSheet(6, 'cloudflare'),
];

/** Every entry's bytes, read with yauzl (an independent implementation, CRCs checked); `methods` gets each entry's compression method. */
function readZipEntries(file: string, methods?: Map<string, number>): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        methods?.set(entry.fileName, entry.compressionMethod);
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('PDF worker pool', () => {
  it('renders each sheet to the same bytes as this thread does (A4 and Letter)', async () => {
    const pool = createPdfPool(2)!;
    expect(pool).toBeDefined();
    try {
      for (const paper of ['a4', 'letter'] as const) {
        const pooled = await Promise.all(SHEETS.map((s) => pool.render(s, { paper })));
        for (const [i, sheet] of SHEETS.entries()) {
          const single = await renderSheet(sheet, 'pdf', { paper });
          expect(pooled[i]!.length).toBeGreaterThan(1000);
          expect(pooled[i]!.equals(single), `sheet ${i} on ${paper}`).toBe(true);
        }
      }
    } finally {
      await pool.close();
    }
  });

  it('hands back the worker’s error as the same BehalfError', async () => {
    const pool = createPdfPool(1)!;
    try {
      const err = await pool.render(SHEETS[0]!, { fontDir: path.join(dir, 'no-fonts-here') }).catch((e: unknown) => e);
      const local = await renderSheet(SHEETS[0]!, 'pdf', { fontDir: path.join(dir, 'no-fonts-here') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BehalfError);
      expect((err as BehalfError).code).toBe((local as BehalfError).code);
      expect((err as BehalfError).message).toBe((local as BehalfError).message);
    } finally {
      await pool.close();
    }
  });

  it('rejects what is still queued when closed', async () => {
    const pool = createPdfPool(1)!;
    const pending = SHEETS.map((s) => pool.render(s, {}).catch((e: unknown) => e));
    await pool.close();
    const results = await Promise.all(pending);
    expect(results.some((r) => r instanceof BehalfError && r.code === 'sheet.export-cancelled')).toBe(true);
  });
});

describe('bulk PDF export on the pool', () => {
  it('writes the same zip entries, in order, with progress for each sheet', async () => {
    const out = path.join(dir, 'pooled.zip');
    const progress: ExportProgress[] = [];
    const result = await exportSheetsZip(SHEETS, 'pdf', out, { pool: true, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const methods = new Map<string, number>();
    const entries = await readZipEntries(out, methods);
    expect([...entries.keys()]).toEqual(result.entries);
    // Stored (method 0), not deflated again: a PDF's streams are compressed already.
    expect([...methods.values()]).toEqual(result.entries.map(() => 0));
    for (const [i, sheet] of SHEETS.entries()) expect(entries.get(result.entries[i]!)!.equals(await renderSheet(sheet, 'pdf'))).toBe(true);
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const out = path.join(dir, 'cancelled.zip');
    const controller = new AbortController();
    const many = Array.from({ length: 4 }, () => SHEETS).flat();
    const error = await exportSheetsZip(many, 'pdf', out, {
      pool: true,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 2) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as BehalfError).code).toBe('sheet.export-cancelled');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});
