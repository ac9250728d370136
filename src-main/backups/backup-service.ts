import fs from 'node:fs';
import path from 'node:path';
import type { BackupList, RestoreResultView, SnapshotView } from '../../src-preload/api/backups';
import { BehalfError } from '../../src-preload/api/errors';
import type { EventBus } from '../core/event-bus';
import type { Db } from '../ledger/open';
import type { SettingsService } from '../settings/settings-service';
import { inspectLedgerFile } from './inspect';
import { describeRestore, restoreIntoLedger } from './restore';
import { startBackupSchedule, type Clock } from './scheduler';
import { takeSnapshot, type SnapshotInfo } from './snapshot';
import { listSnapshotFiles } from './snapshot-files';

export interface BackupDeps {
  db: Db;
  home: string;
  ledgerFile: string;
  settings: SettingsService;
  bus: EventBus;
  log?: (line: string) => void;
}

/** Where snapshots go: the setting, else the data directory's backups/ folder. */
export function backupFolder(home: string, setting: string): string {
  return setting ? path.resolve(setting) : path.join(home, 'backups');
}

/** Snapshots, their schedule and restore, for every door (issue #20). */
export function createBackupService(deps: BackupDeps) {
  let lastError: string | null = null;
  const folder = () => backupFolder(deps.home, deps.settings.get().backupFolder);

  async function take(out?: string): Promise<SnapshotInfo> {
    try {
      const info = await takeSnapshot(deps.db, { dir: folder(), keep: deps.settings.get().backupKeep, out });
      lastError = null;
      return info;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  function list(): BackupList {
    const s = deps.settings.get();
    return {
      folder: folder(),
      intervalHours: s.backupIntervalHours,
      keep: s.backupKeep,
      lastError,
      snapshots: listSnapshotFiles(folder()).map((f) => describeSnapshot(f.file, f.takenAt)),
    };
  }

  async function restore(name: string): Promise<RestoreResultView> {
    const file = path.join(folder(), path.basename(name));
    const result = await restoreIntoLedger(file, { db: deps.db, ledgerFile: deps.ledgerFile, backupsDir: folder() });
    // Every screen reloads what it shows; services re-read on the ledger's data_version change.
    deps.bus.emit('settings.changed', {});
    deps.bus.emit('tenants.changed', { ids: [], reason: 'restore' });
    return { ...result, message: describeRestore(result) };
  }

  function schedule(clock?: Clock) {
    return startBackupSchedule({
      intervalHours: () => deps.settings.get().backupIntervalHours,
      take: () => take(),
      onError: (err) => deps.log?.(`Scheduled snapshot failed: ${(err as Error).message}`),
      clock,
    });
  }

  return { folder, take, list, restore, schedule, lastError: () => lastError };
}

export type BackupService = ReturnType<typeof createBackupService>;

/**
 * A snapshot never changes once renamed into place, so its check result is kept by (file, size, mtime): opening
 * Settings → Backups does not re-run integrity_check over every snapshot each time.
 */
const described = new Map<string, SnapshotView>();

export function describeSnapshot(file: string, takenAt: string): SnapshotView {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const key = `${file}\0${stat?.size}\0${stat?.mtimeMs}`;
  const cached = described.get(key);
  if (cached) return cached;
  const base = { name: path.basename(file), file, takenAt };
  let view: SnapshotView;
  try {
    const info = inspectLedgerFile(file);
    view = { ...base, size: info.size, tenants: info.tenants, reports: info.reports, schemaVersion: info.schemaVersion, problem: null };
  } catch (err) {
    view = {
      ...base,
      size: stat?.size ?? 0,
      tenants: null,
      reports: null,
      schemaVersion: null,
      problem: err instanceof BehalfError ? err.message : String(err),
    };
  }
  if (described.size > 500) described.clear();
  described.set(key, view);
  return view;
}
