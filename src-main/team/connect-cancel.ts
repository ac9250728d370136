import type pg from 'pg';
import { BehalfError } from '../../src-preload/api/errors';
import { explainConnectError } from './connection';

// Publish and join as long work a door can cancel: the options a door passes, the progress text, and how a cancel,
// a stalled server or a join abandoned by a crash are answered without holding the operator hostage.

/** How a publish or join started from a door runs: the password field, cancel, and rows copied so far. */
export interface TeamConnectOptions {
  /** Typed in the console's password field; wins over a password in the string and the vault's. */
  password?: string;
  signal?: AbortSignal;
  progress?: (p: { copied: number; total: number }) => void;
}

/** "Copied 20,000 of 100,000 rows": the CLI's lines and the console's progress bar say the same. */
export const copiedText = (copied: number, total: number) => `Copied ${copied.toLocaleString('en')} of ${total.toLocaleString('en')} rows`;

/** A failure on the way to or from PostgreSQL, explained; the ledger's own errors (SQLITE_…) and ours kept as they are. */
export const asTeamError = (err: unknown, display: string) =>
  err instanceof BehalfError || String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_') ? err : explainConnectError(err, display);

/**
 * Closes a publish/join connection. A server that stalls (or a cancel in the middle of a query) can keep pg's
 * polite end waiting for an answer that never comes: after 2 s the socket is torn down instead.
 */
export async function closeClient(client: pg.Client): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = await Promise.race([
    client.end().then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 2000))),
  ]);
  clearTimeout(timer);
  // node-postgres has no public "destroy": its connection's socket is the way to drop it at once.
  if (gaveUp) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

export const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const stopIfCancelled = (kind: 'init' | 'join', signal: AbortSignal | undefined) => {
  if (!signal?.aborted) return;
  throw kind === 'init'
    ? new BehalfError('team.cancelled', 'Publishing was cancelled: the team database holds no team, and this console works alone as before.')
    : new BehalfError('team.cancelled', 'Joining was cancelled: nothing of the team was kept, this console is as it was before.');
};

/**
 * Waits for `p` unless the task is cancelled first: a server that stalls in the middle of a copy must not hold
 * Cancel hostage. What `p` does afterwards is dropped (the caller closes the connection; `late` gets a value that
 * arrives after the cancel, e.g. a client that connected anyway, to close it).
 */
export function untilCancelled<T>(kind: 'init' | 'join', signal: AbortSignal | undefined, p: Promise<T>, late?: (v: T) => void): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      try {
        stopIfCancelled(kind, signal);
      } catch (err) {
        reject(err);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) late?.(v);
        resolve(v);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
