import fs from 'node:fs';
import path from 'node:path';

/**
 * Snapshot files are named by the moment they were taken (UTC, sortable, no colons for Windows):
 * `behalf-2026-12-03T12-30-00-000Z.sqlite`, or `…-before-restore.sqlite` for the copy kept before a restore.
 */
const NAME = /^behalf-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(-[a-z-]+)?\.sqlite$/;

export function snapshotFileName(at: Date, label?: string): string {
  return `behalf-${at.toISOString().replace(/[:.]/g, '-')}${label ? `-${label}` : ''}.sqlite`;
}

/** The moment in a snapshot's name, or undefined for a file Behalf did not name. */
export function snapshotTakenAt(file: string): string | undefined {
  const m = NAME.exec(path.basename(file));
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : undefined;
}

/** Snapshot files in `dir`, newest first. Temporary files of a snapshot in progress are hidden (dot) and skipped. */
export function listSnapshotFiles(dir: string): { file: string; takenAt: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => NAME.test(n))
    .map((n) => ({ file: path.join(dir, n), takenAt: snapshotTakenAt(n)! }))
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : b.file.localeCompare(a.file)));
}

/** Keeps the newest `keep` snapshots; deletes older ones. Only files named like snapshots are ever touched. */
export function pruneSnapshots(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const s of listSnapshotFiles(dir).slice(keep)) {
    fs.rmSync(s.file, { force: true });
    removed.push(s.file);
  }
  return removed;
}
