import type { Db } from '../ledger/open';

/** Pages per step: ~8 MB with 4 KB pages, a few ms of the event loop each, so a console keeps answering. */
const STEP_PAGES = 2048;
const ALL = 0x7fffffff;

/**
 * Copies `db` into `file` with SQLite's online backup API, in steps so a long-lived door's event loop keeps
 * turning. A step-wise copy starts over whenever another connection commits between two steps; with a busy writer
 * (a bulk check, a loop of `tenants add`) it might never finish. So after the second start-over the rest is copied
 * in one step, which holds only a WAL read snapshot: it blocks no writer, just this process for that one step.
 */
export async function onlineCopy(db: Db, file: string): Promise<{ restarts: number }> {
  let restarts = 0;
  let lastRemaining = Infinity;
  await db.backup(file, {
    progress: ({ remainingPages }) => {
      if (remainingPages > lastRemaining) restarts++;
      lastRemaining = remainingPages;
      return restarts >= 2 ? ALL : STEP_PAGES;
    },
  });
  return { restarts };
}
