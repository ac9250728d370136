import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { importHint, type ImportResult } from './import';
import { importReportsOffThread } from './import/worker/import-off-thread';
import type { ImportCaps } from './import/caps';

export interface Upload {
  name: string;
  base64: string;
}

export interface UploadImportResult extends ImportResult {
  errors: Array<ImportResult['errors'][number] & { hint?: string }>;
}

/** A file name safe to create inside our temp folder (keeps the extension the importer keys on). */
export function safeName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '');
  return base.slice(-120) || 'upload';
}

/**
 * Imports uploaded report files: writes each into its own folder under a fresh temp dir (so names never
 * collide and the importer sees the real extension), imports them with the same streaming importer the CLI
 * uses, maps temp paths back to the uploaded names, and removes the temp dir whatever happens.
 */
export async function importUploads(
  db: Database,
  uploads: readonly Upload[],
  opts: { signal?: AbortSignal; progress?: (done: number, total: number, message?: string) => void; caps?: Partial<ImportCaps>; tmpRoot?: string } = {},
): Promise<UploadImportResult> {
  const dir = await fs.promises.mkdtemp(path.join(opts.tmpRoot ?? os.tmpdir(), 'behalf-dmarc-upload-'));
  try {
    const names = new Map<string, string>();
    const paths: string[] = [];
    for (const [i, u] of uploads.entries()) {
      const p = path.join(dir, String(i), safeName(u.name));
      await fs.promises.mkdir(path.dirname(p));
      await fs.promises.writeFile(p, Buffer.from(u.base64, 'base64'));
      names.set(p, u.name);
      paths.push(p);
    }
    const result = await importReportsOffThread(db, paths, {
      signal: opts.signal,
      caps: { tempDir: dir, ...(opts.caps ?? {}) },
      onProgress: (p) => opts.progress?.(p.done, p.total, p.file ? (names.get(p.file) ?? path.basename(p.file)) : undefined),
    });
    return {
      ...result,
      errors: result.errors.map((e) => ({ ...e, file: names.get(e.file) ?? path.basename(e.file), hint: importHint(e.code) })),
      repaired: result.repaired.map((n) => ({ ...n, file: names.get(n.file) ?? path.basename(n.file) })),
    };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
