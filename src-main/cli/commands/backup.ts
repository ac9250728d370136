import type { Services } from '../../app/services';
import { ledgerFile } from '../../app/paths';
import { EventBus } from '../../core/event-bus';
import { backupFolder } from '../../backups/backup-service';
import { inspectLedgerFile } from '../../backups/inspect';
import { isCorruption, openLedgerOrExplain } from '../../backups/recovery';
import { describeRestore, replaceDamagedLedger, restoreIntoLedger, type RestoreResult } from '../../backups/restore';
import { SettingsService } from '../../settings/settings-service';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, UsageError, type Io } from '../output';

/** `behalf backup [--out FILE]`: one verified snapshot now (into the backup folder, pruned to its limit). */
export async function backupCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, out: { type: 'string' } });
  const info = await s.backups.take(values.out);
  if (values.json) io.out(JSON.stringify(info));
  else io.out(`Snapshot ${info.file}: ${info.tenants} tenant(s), ${info.reports} DMARC report(s), ${info.size} bytes, integrity ok.`);
  return EXIT.ok;
}

/**
 * `behalf restore FILE --yes`. Runs without the usual services: it must also work when the ledger itself cannot
 * be opened (then the damaged file is set aside, never overwritten).
 */
export async function restoreCommand(home: string, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { ...GLOBAL_OPTIONS, yes: { type: 'boolean', default: false } });
  const file = positionals[0];
  if (!file) throw new UsageError('name the snapshot to restore: behalf restore FILE --yes');
  const ledger = ledgerFile(home);
  if (!values.yes) {
    const info = inspectLedgerFile(file); // refusals (not a ledger, newer, damaged) come before the question
    throw new UsageError(
      `this replaces the ledger at ${ledger} with ${file} (${info.tenants} tenant(s), ${info.reports} DMARC report(s)). The current ledger is kept as a snapshot first. Add --yes to confirm.`,
    );
  }
  const result = await restore(home, ledger, file);
  io.out(values.json ? JSON.stringify(result) : describeRestore(result));
  return EXIT.ok;
}

async function restore(home: string, ledger: string, file: string): Promise<RestoreResult> {
  let db;
  try {
    db = openLedgerOrExplain(ledger, backupFolder(home, ''));
  } catch (err) {
    if (!isCorruption(err)) throw err;
    inspectLedgerFile(file);
    return replaceDamagedLedger(file, ledger);
  }
  try {
    const dir = backupFolder(home, new SettingsService(db, new EventBus()).get().backupFolder);
    return await restoreIntoLedger(file, { db, ledgerFile: ledger, backupsDir: dir });
  } finally {
    db.close();
  }
}
