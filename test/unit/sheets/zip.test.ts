import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { exportSheetsZip, type ExportProgress } from '../../../src-main/sheets/export-zip';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderSheet } from '../../../src-main/sheets/render';
import { dosDateTime, ZipWriter } from '../../../src-main/sheets/zip-writer';
import { option1Input, optionInput } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-sheet-zip-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Reads every entry with yauzl (an independent implementation), checking CRCs as it goes. */
function readZip(file: string): Promise<Map<string, { data: Buffer; method: number }>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, { data: Buffer; method: number }>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, { data: Buffer.concat(chunks), method: entry.compressionMethod });
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

const sheets = [
  buildSheet(option1Input()),
  buildSheet(option1Input({ provider: 'route53' })), // same tenant name and domain: must get a distinct file name
  buildSheet(optionInput(2, { tenant: { name: 'Société Générale', domain: 'example.fr', contactName: '' } })),
];

describe('exportSheetsZip', () => {
  it.each(['pdf', 'md'] as const)('writes one valid zip of %s sheets that unzip and yauzl read back', async (format) => {
    const out = path.join(dir, `sheets-${format}.zip`);
    const progress: ExportProgress[] = [];
    const result = await exportSheetsZip(sheets, format, out, { onProgress: (p) => progress.push(p), paper: 'letter' });

    expect(result.entries).toEqual([`acme-corporation-acme.com.${format}`, `acme-corporation-acme.com-2.${format}`, `societe-generale-example.fr.${format}`]);
    expect(result.bytes).toBe(fs.statSync(out).size);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3]);
    expect(progress.every((p) => p.total === 3)).toBe(true);

    expect(execFileSync('unzip', ['-t', out], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const entries = await readZip(out);
    expect([...entries.keys()]).toEqual(result.entries);
    for (const [i, sheet] of sheets.entries()) {
      const expected = await renderSheet(sheet, format, { paper: 'letter' });
      expect(entries.get(result.entries[i]!)!.data.equals(expected)).toBe(true);
    }
    // Text deflates well; the method must say so (stored would be 0).
    if (format === 'md') expect(entries.get(result.entries[0]!)!.method).toBe(8);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const out = path.join(dir, 'cancelled.zip');
    const controller = new AbortController();
    const error = await exportSheetsZip(sheets, 'html', out, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 1) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BehalfError);
    expect((error as BehalfError).code).toBe('sheet.export-cancelled');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('refuses an empty export', async () => {
    const error = await exportSheetsZip([], 'pdf', path.join(dir, 'empty.zip')).catch((e: unknown) => e);
    expect((error as BehalfError).code).toBe('sheet.export-empty');
  });
});

describe('ZipWriter', () => {
  it('stores incompressible data, deflates the rest, and keeps UTF-8 names and dates', async () => {
    const file = path.join(dir, 'raw.zip');
    const zip = await ZipWriter.create(file);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251));
    const date = new Date('2024-08-17T05:51:28Z');
    await zip.add('random.bin', random, { date, compress: false });
    await zip.add('dossier/é.txt', Buffer.from('a'.repeat(10_000)), { date });
    await zip.add('empty.txt', Buffer.alloc(0), { date });
    await zip.close();

    const entries = await readZip(file);
    expect(entries.get('random.bin')).toEqual({ data: random, method: 0 });
    expect(entries.get('dossier/é.txt')!.method).toBe(8);
    expect(entries.get('dossier/é.txt')!.data.toString()).toBe('a'.repeat(10_000));
    expect(entries.get('empty.txt')!.data.length).toBe(0);
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing).toMatch(/(2024-08-17|08-17-2024) 05:51\s+random\.bin/);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected in compressed data/);
  });

  it.each(['../evil.txt', '/etc/passwd', 'a\\b.txt', 'a//b', ''])('refuses the entry name %j', async (name) => {
    const zip = await ZipWriter.create(path.join(dir, 'names.zip'));
    const error = await zip.add(name, Buffer.from('x')).catch((e: unknown) => e);
    await zip.abandon();
    expect((error as BehalfError).code).toBe('sheet.zip-bad-name');
  });

  it('encodes DOS dates from UTC fields', () => {
    expect(dosDateTime(new Date('1980-01-01T00:00:00Z'))).toEqual({ date: (0 << 9) | (1 << 5) | 1, time: 0 });
    expect(dosDateTime(new Date('2024-08-17T05:51:29Z'))).toEqual({ date: (44 << 9) | (8 << 5) | 17, time: (5 << 11) | (51 << 5) | 14 });
  });
});
