import fs from 'node:fs';
import path from 'node:path';

/** `empty-folder`: a folder the operator named that holds no report files (worth saying so). */
export type FileKind = 'payload' | 'eml' | 'unsupported' | 'missing' | 'empty-folder';

export interface FileTask {
  /** As given (for files named directly) or joined under the given folder. */
  path: string;
  kind: FileKind;
}

const PAYLOAD = /\.(xml|gz|gzip|zip)$/i;
const EML = /\.eml$/i;
const MAX_DEPTH = 32;

/**
 * Expands the operator's paths into files to import. Folders are walked recursively in name order; inside
 * folders only report-like names are taken (a mailbox export holds plenty of other files), while a file
 * named directly with an unknown extension is kept so it can be refused with a reason.
 */
export async function listImportFiles(paths: readonly string[]): Promise<FileTask[]> {
  const tasks: FileTask[] = [];
  const seen = new Set<string>();
  const add = (p: string, kind: FileKind) => {
    const key = path.resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    tasks.push({ path: p, kind });
  };
  for (const p of paths) {
    const stat = await fs.promises.stat(p).catch(() => undefined);
    if (!stat) add(p, 'missing');
    else if (stat.isDirectory()) {
      const before = tasks.length;
      await walk(p, 0, add);
      if (tasks.length === before) tasks.push({ path: p, kind: 'empty-folder' });
    }
    else add(p, kindOf(p) ?? 'unsupported');
  }
  return tasks;
}

function kindOf(name: string): FileKind | undefined {
  if (EML.test(name)) return 'eml';
  if (PAYLOAD.test(name)) return 'payload';
  return undefined;
}

async function walk(dir: string, depth: number, add: (p: string, kind: FileKind) => void): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    // Symlinked folders are not followed: they are how folder walks loop forever.
    if (e.isDirectory()) await walk(full, depth + 1, add);
    else if (e.isFile() || e.isSymbolicLink()) {
      const kind = kindOf(e.name);
      if (kind && (e.isFile() || (await fs.promises.stat(full).catch(() => undefined))?.isFile())) add(full, kind);
    }
  }
}
