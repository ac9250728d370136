import fs from 'node:fs';
import path from 'node:path';

/** `empty-folder`: a folder the operator named that holds no report files (worth saying so). */
export type FileKind = 'payload' | 'eml' | 'mbox' | 'unsupported' | 'missing' | 'empty-folder';

export interface FileTask {
  /** As given (for files named directly) or joined under the given folder. */
  path: string;
  kind: FileKind;
}

const PAYLOAD = /\.(xml|gz|gzip|zip)$/i;
const EML = /\.eml$/i;
/** mbox exports: Thunderbird's are extension-less (sniffed when named directly), Apple Mail's are `X.mbox/mbox`. */
const MBOX = /(^|[/\\])mbox$|\.mbox$/i;
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
      if (await isMaildir(p)) await walkMaildir(p, 0, add);
      else await walk(p, 0, add);
      if (tasks.length === before) tasks.push({ path: p, kind: 'empty-folder' });
    } else add(p, kindOf(p) ?? ((await startsLikeMbox(p)) ? 'mbox' : 'unsupported'));
  }
  return tasks;
}

function kindOf(name: string): FileKind | undefined {
  if (EML.test(name)) return 'eml';
  if (PAYLOAD.test(name)) return 'payload';
  if (MBOX.test(name)) return 'mbox';
  return undefined;
}

/** An mbox file starts with a "From " separator line (RFC 4155). */
async function startsLikeMbox(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await fh.read(head, 0, 5, 0);
    return head.subarray(0, bytesRead).toString('latin1') === 'From ';
  } finally {
    await fh.close();
  }
}

/** A Maildir (as mail clients and servers keep one): `cur` and `new` folders whose every file is one message. */
async function isMaildir(dir: string): Promise<boolean> {
  const [cur, neu] = await Promise.all(['cur', 'new'].map((d) => fs.promises.stat(path.join(dir, d)).catch(() => undefined)));
  return !!cur?.isDirectory() && !!neu?.isDirectory();
}

/** Messages in `cur` then `new` (name order), then Maildir++ subfolders (`.Reports`), which are Maildirs too. */
async function walkMaildir(dir: string, depth: number, add: (p: string, kind: FileKind) => void): Promise<void> {
  if (depth > MAX_DEPTH) return;
  for (const sub of ['cur', 'new']) {
    const entries = await fs.promises.readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const e of entries.filter((x) => x.isFile() && !x.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1)))
      add(path.join(dir, sub, e.name), 'eml');
  }
  const subs = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of subs.filter((x) => x.isDirectory() && x.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (await isMaildir(full)) await walkMaildir(full, depth + 1, add);
  }
}

async function walk(dir: string, depth: number, add: (p: string, kind: FileKind) => void): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    // Symlinked folders are not followed: they are how folder walks loop forever.
    if (e.isDirectory()) await ((await isMaildir(full)) ? walkMaildir(full, depth + 1, add) : walk(full, depth + 1, add));
    else if (e.isFile() || e.isSymbolicLink()) {
      const kind = kindOf(e.name);
      if (kind && (e.isFile() || (await fs.promises.stat(full).catch(() => undefined))?.isFile())) add(full, kind);
    }
  }
}
