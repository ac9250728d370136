import path from 'node:path';
import { BehalfError } from '../../src-preload/api/errors';
import { backupFolder, describeSnapshot } from '../backups/backup-service';
import { describeRestore, replaceDamagedLedger } from '../backups/restore';
import { listSnapshotFiles } from '../backups/snapshot-files';
import { createDispatch, type Dispatch } from './dispatch';
import type { Handlers } from './handlers/types';
import { ledgerFile } from './paths';

/**
 * The minimal console a long-lived door serves when the ledger cannot be opened (issue #20 item 2): only
 * `recovery.status` and `recovery.restore` answer; every other method says the ledger is damaged. After a restore
 * `whenRestored` builds the real dispatch (the browser host) or relaunches (Electron), and calls go there.
 */
export function createRecoveryDispatch(opts: {
  home: string;
  damage: BehalfError;
  whenRestored: () => Dispatch | undefined;
  onError?: (channel: string, err: unknown) => void;
}): Dispatch {
  const file = ledgerFile(opts.home);
  const dir = backupFolder(opts.home, '');
  let healthy: Dispatch | undefined;
  const recovery: Handlers['recovery'] = {
    status: () => ({
      active: !healthy,
      ledgerFile: file,
      problem: opts.damage.message,
      hint: opts.damage.hint ?? '',
      snapshots: listSnapshotFiles(dir).map((s) => describeSnapshot(s.file, s.takenAt)),
    }),
    restore: async ({ name }) => {
      if (healthy) throw new BehalfError('recovery.inactive', 'The ledger was restored already.', 'Reload the page.');
      const result = await replaceDamagedLedger(path.join(dir, path.basename(name)), file);
      healthy = opts.whenRestored();
      return { ...result, message: describeRestore(result) };
    },
  };
  const refuse = new Proxy(
    {},
    {
      get: () => () => {
        throw opts.damage;
      },
    },
  );
  const handlers = new Proxy({ recovery } as unknown as Handlers, { get: (target, ns) => (ns === 'recovery' ? target.recovery : refuse) });
  const recoveryDispatch = createDispatch(handlers, opts.onError);
  return (channel, input) => (healthy ? healthy(channel, input) : recoveryDispatch(channel, input));
}
