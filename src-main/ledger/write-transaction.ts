import { rethrowBusy } from './busy';
import type { Db } from './open';

/**
 * The one way to write to the ledger in more than one statement. It begins with BEGIN IMMEDIATE, so the
 * write lock is taken (or waited for, up to the busy timeout) before the first read. A deferred transaction
 * that reads and then writes would have to upgrade its snapshot; in WAL mode SQLite refuses that upgrade at
 * once with SQLITE_BUSY, without calling the busy handler, whenever another process wrote meanwhile — that was
 * the "database is locked" of issue #21. Nested calls become savepoints of the outer transaction.
 *
 * Keep `fn` short (≤ ~50 ms): every other process that wants to write waits for it. Bulk work commits in
 * many small calls (see docs/ledger-concurrency.md).
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  const started = observer && !db.inTransaction ? performance.now() : undefined;
  try {
    // eslint-disable-next-line no-restricted-syntax -- this is the helper the rule points to
    return db.transaction(fn).immediate();
  } catch (err) {
    return rethrowBusy(err, db.name);
  } finally {
    if (started !== undefined) observer?.(performance.now() - started);
  }
}

let observer: ((ms: number) => void) | undefined;

/**
 * Reports how long each outermost write transaction took (wait for the lock included), for benchmarks that
 * check the "≤ ~50 ms each" rule. One observer at a time; pass undefined to stop.
 */
export function observeWriteTransactions(listener: ((ms: number) => void) | undefined): void {
  observer = listener;
}

/** The observer set by `observeWriteTransactions`, if any: a worker that writes for this thread reports to it too. */
export function writeTransactionObserver(): ((ms: number) => void) | undefined {
  return observer;
}

/** Runs `write` for consecutive slices of `items`, each slice its own short write transaction. */
export function writeInSlices<I>(db: Db, items: readonly I[], size: number, write: (slice: readonly I[]) => void): void {
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size);
    writeTransaction(db, () => write(slice));
  }
}

/**
 * Runs `fn`, which only READS, in one deferred transaction: every read sees the same snapshot of the ledger while
 * other processes go on writing (WAL). Used by the whole-ledger export so tenants and their tags cannot disagree.
 * Never write inside it: a deferred transaction that writes can fail at once with SQLITE_BUSY (see above).
 */
export function readSnapshot<T>(db: Db, fn: () => T): T {
  // eslint-disable-next-line no-restricted-syntax -- read-only by contract; writes go through writeTransaction
  return db.transaction(fn).deferred();
}
