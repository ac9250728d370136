import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { writeTransaction } from '../../ledger/write-transaction';
import { importError } from './errors';

/**
 * Reports on their way in stay invisible until published (migration 009): `staged_by` names the importing
 * process, readers skip such reports, and publishing clears it. This file owns that life cycle.
 */

/** This process, as written in `staged_by`. */
export function stagingOwner(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** The SQL readers add so staged reports (and their rows) stay out of every view. */
export const STAGED_REPORT_IDS = 'SELECT id FROM dmarc_reports WHERE staged_by IS NOT NULL';

/** One short transaction: the report and all its rows appear to every reader at once. */
export function publishReport(db: Database, id: number | bigint): void {
  writeTransaction(db, () => db.prepare('UPDATE dmarc_reports SET staged_by = NULL WHERE id = ?').run(id));
}

/** Rows deleted per transaction when a staged report is taken out (~10 ms). */
const DELETE_SLICE_ROWS = 5_000;

/** Takes a staged report out, its rows a slice at a time (they are invisible, so partial deletes are fine). */
export function removeStagedReport(db: Database, id: number | bigint): void {
  const slice = db.prepare(`DELETE FROM dmarc_rows WHERE id IN (SELECT id FROM dmarc_rows WHERE report_id = ? LIMIT ${DELETE_SLICE_ROWS})`);
  while (writeTransaction(db, () => slice.run(id).changes) > 0);
  writeTransaction(db, () => db.prepare('DELETE FROM dmarc_reports WHERE id = ? AND staged_by IS NOT NULL').run(id));
}

/**
 * Removes reports left staged by a process that no longer runs (killed mid-import), so their (org, report id)
 * can be imported again. A process on another host cannot be checked and is left alone.
 */
export function removeAbandonedReports(db: Database): number {
  const staged = db.prepare('SELECT id, staged_by AS owner FROM dmarc_reports WHERE staged_by IS NOT NULL').all() as Array<{ id: number; owner: string }>;
  let removed = 0;
  for (const { id, owner } of staged) {
    if (!ownerIsGone(owner)) continue;
    removeStagedReport(db, id);
    removed++;
  }
  return removed;
}

/** How long a commit waits for another import of the same (org, report id) to publish it before giving up. */
const AWAIT_STAGED_MS = 60_000;

/**
 * Waits until the staged report `id` — the same (org, report id), being written by another import as it reads it,
 * its digest not known yet — is published or taken out. One left by a process that is gone is taken out here.
 * Gives up with `dmarc.import-busy` (nothing written; importing the file again later decides) after AWAIT_STAGED_MS.
 */
export async function awaitStagedReport(db: Database, id: number, waitMs = AWAIT_STAGED_MS): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    const row = db.prepare('SELECT staged_by AS owner, content_sha256 AS sha FROM dmarc_reports WHERE id = ?').get(id) as
      { owner: string | null; sha: string | null } | undefined;
    if (!row?.owner || row.sha) return;
    if (ownerIsGone(row.owner)) {
      removeStagedReport(db, id);
      return;
    }
    if (Date.now() > until) {
      throw importError('dmarc.import-busy', `Another import (${row.owner}) is still writing a report with this id; import this file again once it is done.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ownerIsGone(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const [host, pid] = [owner.slice(0, at), Number(owner.slice(at + 1))];
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // an import of this process, still under way
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Is (org, report id) in the ledger and published (not a report another import is still writing)? */
export function isPublishedReport(db: Database, org: string, reportId: string): boolean {
  return db.prepare('SELECT 1 FROM dmarc_reports WHERE org = ? AND report_id = ? AND staged_by IS NULL').get(org, reportId) !== undefined;
}
