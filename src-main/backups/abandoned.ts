import fs from 'node:fs';
import path from 'node:path';

/**
 * A snapshot or restore killed mid-way (kill -9, power cut) leaves its temporary file behind: a copy of the whole
 * ledger, named with the pid that wrote it. The next snapshot or restore removes those whose process is gone.
 * `pattern` captures the pid; files of a live process (a snapshot running in another console) are left alone.
 */
export function removeAbandoned(dir: string, pattern: RegExp): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: alive
  }
}

/** `.behalf-….sqlite.<pid>.tmp` in a backup folder (and the -journal/-wal/-shm SQLite may leave beside it). */
export const SNAPSHOT_TMP = /^\.behalf-.*\.sqlite\.(\d+)\.tmp(-journal|-wal|-shm)?$/;
/** `.restore-<pid>.sqlite` beside the ledger (and its -wal, -shm, -journal). */
export const RESTORE_TMP = /^\.restore-(\d+)\.sqlite(-wal|-shm|-journal)?$/;
