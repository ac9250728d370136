import { BehalfError } from '../../../src-preload/api/errors';
import path from 'node:path';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function backupHandlers(s: Services): NamespaceHandlers<'backups'> {
  return {
    list: () => s.backups.list(),
    take: async () => {
      const { file, takenAt, size, tenants, reports, schemaVersion } = await s.backups.take();
      return { name: path.basename(file), file, takenAt, size, tenants, reports, schemaVersion, problem: null };
    },
    restore: ({ name }) => s.backups.restore(name),
  };
}

/** With a ledger that opened, there is nothing to recover: status says so, restore points at Settings → Backups. */
export function healthyRecoveryHandlers(s: Services): NamespaceHandlers<'recovery'> {
  return {
    status: () => ({ active: false, ledgerFile: s.ledgerFile, problem: '', hint: '', snapshots: [] }),
    restore: () => {
      throw new BehalfError('recovery.inactive', 'The ledger is healthy; there is nothing to recover.', 'Restore a snapshot from Settings → Backups instead.');
    },
  };
}
