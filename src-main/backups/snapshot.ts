import fs from 'node:fs';
import path from 'node:path';
import { BehalfError } from '../../src-preload/api/errors';
import { makePrivateDir, type Db } from '../ledger/open';
import { onlineCopy } from './online-copy';
import { removeAbandoned, SNAPSHOT_TMP } from './abandoned';
import type { LedgerFileInfo } from './inspect';
import { checkSnapshotOffThread } from './snapshot-check';
import { pruneSnapshots, snapshotFileName } from './snapshot-files';

export interface SnapshotInfo extends LedgerFileInfo {
  file: string;
  takenAt: string;
}

/**
 * Takes one consistent snapshot of the open ledger with SQLite's online backup API (never a file copy: a live WAL
 * database is two files changing under the copier). The copy goes to a hidden temporary name created 0600 before
 * SQLite writes a byte, is made a standalone rollback-journal file, verified read-only (integrity_check, a
 * schema this build knows) and only then renamed into place; copy and check run on a worker thread. Older
 * snapshots are pruned only after that succeeded, so a failed snapshot never costs a good one. `keep` 0 means
 * "do not prune" (the snapshot kept before a restore).
 */
export async function takeSnapshot(db: Db, opts: { dir: string; keep: number; now?: Date; label?: string; out?: string }): Promise<SnapshotInfo> {
  const now = opts.now ?? new Date();
  const target = opts.out ? path.resolve(opts.out) : path.join(opts.dir, snapshotFileName(now, opts.label));
  const dir = path.dirname(target);
  makePrivateDir(dir);
  removeAbandoned(dir, SNAPSHOT_TMP);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  fs.rmSync(tmp, { force: true });
  fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
  try {
    // A ledger file is copied by the check's worker through its own connection (committed data, as this one
    // sees it); only a ledger without a file (in memory) is copied here.
    const source = db.memory || !db.name ? undefined : db.name;
    if (!source) await onlineCopy(db, tmp);
    const info = await checkSnapshotOffThread(tmp, source);
    fsyncFile(tmp);
    fs.renameSync(tmp, target);
    fsyncDir(dir);
    if (opts.keep > 0 && !opts.out) pruneSnapshots(dir, opts.keep);
    return { ...info, file: target, takenAt: now.toISOString() };
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof BehalfError) throw err;
    throw new BehalfError(
      'backup.failed',
      `The snapshot could not be written to ${dir}: ${(err as Error).message}`,
      'Check that the backup folder exists, is writable and has free space (Settings → Backups).',
    );
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The rename is durable only once the folder's entry is on disk (Linux; a no-op failure elsewhere). */
export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* Windows cannot open folders; NTFS journals renames itself */
  }
}
