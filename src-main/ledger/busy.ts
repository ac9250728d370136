import fs from 'node:fs';
import { isSqliteBusy, ledgerBusyError } from '../../src-preload/api/errors';

/** Rethrows SQLITE_BUSY as ledger.busy (with who holds the lock, where that can be told); anything else as is. */
export function rethrowBusy(err: unknown, file: string): never {
  throw isSqliteBusy(err) ? ledgerBusyError(describeHolder(file)) : err;
}

/**
 * In WAL mode the writer lock is a POSIX lock on byte 120 of the `-shm` file. On Linux /proc/locks names
 * the process that holds it, and /proc/<pid>/cmdline says what that process is. Elsewhere (or if the lock
 * was let go meanwhile) we can only say "another process".
 */
export function describeHolder(file: string): string {
  try {
    const inode = fs.statSync(`${file}-shm`).ino;
    for (const line of fs.readFileSync('/proc/locks', 'utf8').split('\n')) {
      // "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 120 120"
      const f = line.trim().split(/\s+/);
      if (f[1] !== 'POSIX' || f[3] !== 'WRITE') continue;
      const [pid, dev, start, end] = [Number(f[4]), f[5] ?? '', Number(f[6]), f[7] === 'EOF' ? Infinity : Number(f[7])];
      if (Number(dev.split(':')[2]) !== inode || !(start <= WAL_WRITE_LOCK_BYTE && WAL_WRITE_LOCK_BYTE <= end)) continue;
      if (pid === process.pid) return `this process (pid ${pid})`;
      return `${programName(pid)} (pid ${pid})`;
    }
  } catch {}
  return 'another process';
}

const WAL_WRITE_LOCK_BYTE = 120;

function programName(pid: number): string {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // "node /…/out/main/cli.js dmarc import x.xml" reads best as "behalf dmarc import".
    const cli = argv.findIndex((a) => /(?:cli\.js|[/\\]behalf(?:\.js)?)$/.test(a));
    if (cli >= 0)
      return [
        'behalf',
        ...argv
          .slice(cli + 1)
          .filter((a) => !a.startsWith('-'))
          .slice(0, 2),
      ].join(' ');
    return (
      argv
        .slice(0, 2)
        .map((a) => a.split('/').pop())
        .join(' ') || `process ${pid}`
    );
  } catch {
    return 'another process';
  }
}
