import fs from 'node:fs';
import { BehalfError } from '../../src-preload/api/errors';
import { openLedger, type Db } from '../ledger/open';
import { inspectLedgerFile } from './inspect';
import { listSnapshotFiles } from './snapshot-files';

/**
 * Start-up check of the ledger (issue #20 item 2): a ledger that cannot be opened, or whose file is cut short, is
 * never overwritten or "repaired" into an empty one. The doors say so and offer the latest good snapshot.
 */
export function openLedgerOrExplain(file: string, backupsDir: string): Db {
  const damage = headerDamage(file);
  if (damage) throw damagedError(file, damage, backupsDir);
  try {
    return openLedger(file);
  } catch (err) {
    if (isCorruption(err)) throw damagedError(file, (err as Error).message, backupsDir);
    throw err;
  }
}

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'ledger.damaged';
}

/**
 * What SQLite would only notice when it reads a missing page, possibly much later and mid-write: a file shorter
 * than its own header says. Checked only when no write-ahead log is pending (the log may hold the missing pages).
 *
 * The file is read without SQLite's locks, so another process may be checkpointing meanwhile: SQLite writes page 1
 * (with the new page count) before it extends the file, then deletes the log. A real truncation stays; a checkpoint
 * passes. So a short file is re-read a few times and counts as damage only when every look agrees.
 */
export function headerDamage(file: string): string | undefined {
  let look = lookAtHeader(file);
  for (let attempt = 1; attempt <= 4 && look?.startsWith('the file is cut short'); attempt++) {
    sleepMs(25 * attempt);
    look = lookAtHeader(file);
  }
  return look;
}

function lookAtHeader(file: string): string | undefined {
  // The log is looked at first: if a checkpoint is under way it is still there, and the file is not judged.
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) return undefined;
  const h = Buffer.alloc(100);
  let size: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      size = fs.fstatSync(fd).size;
      if (size === 0) return undefined; // no ledger yet: SQLite creates one
      if (size < 100) return `the file is ${size} bytes, shorter than an SQLite header`;
      fs.readSync(fd, h, 0, 100, 0);
      size = Math.max(size, fs.fstatSync(fd).size);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (h.toString('latin1', 0, 16) !== 'SQLite format 3\0') return 'it is not an SQLite database';
  const raw = h.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = h.readUInt32BE(28);
  const countValid = pages > 0 && h.readUInt32BE(24) === h.readUInt32BE(92);
  if (countValid && size < pages * pageSize) return `the file is cut short (${size} of ${pages * pageSize} bytes)`;
  return undefined;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The newest snapshot in `dir` that passes its integrity check (older ones are tried in turn). */
export function latestGoodSnapshot(dir: string): { file: string; takenAt: string } | undefined {
  for (const s of listSnapshotFiles(dir)) {
    try {
      inspectLedgerFile(s.file);
      return s;
    } catch {
      /* damaged or foreign: try the next older one */
    }
  }
  return undefined;
}

export function damagedError(file: string, why: string, backupsDir: string): BehalfError {
  const good = latestGoodSnapshot(backupsDir);
  return new BehalfError(
    'ledger.damaged',
    `The ledger ${file} cannot be opened: ${why.split('\n')[0]}. It was left untouched.` +
      (good ? ` The latest good snapshot is ${good.file} (taken ${good.takenAt}).` : ` No good snapshot was found in ${backupsDir}.`),
    good
      ? `Restore it with: behalf restore "${good.file}" --yes (the damaged file is kept beside the ledger).`
      : 'Restore a snapshot or export you keep elsewhere with behalf restore FILE --yes.',
  );
}
