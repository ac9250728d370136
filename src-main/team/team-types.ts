import type { Db } from '../ledger/open';
import type { Operator } from './operator';
import type { CommitWitness } from '../core/commit-witness';

/** What the team service is built from (the composition root passes it). */
export interface TeamDeps {
  /** The team's own connection to the ledger: changes it applies count as "another connection" for the services. */
  db: Db;
  vault: { getSecret(name: string): string | undefined; setSecret(name: string, value: string): void; forgetSecret(name: string): void };
  env: Record<string, string | undefined>;
  /**
   * Told which tenants (and whether settings) changed when the team's changes were applied, and which shared tables
   * (a pulled outbox job or queued test send wakes this console's runner: any console may run it, the claim decides).
   */
  onApplied?: (change: { tenantIds: string[]; settings: boolean; tables?: string[] }) => void;
  /** Told around each commit of the team's connection (the tenant index follows them by it, not rebuilding), given that connection's data_version. */
  witness?: (teamVersion: () => number) => CommitWitness;
  /** Told whenever the status line may have changed. */
  onStatus?: () => void;
  now?: () => Date;
}

/** The sidebar's team line and Settings → Team: mode, server (never its password), operator, what waits. */
export interface TeamStatus {
  mode: 'single' | 'team';
  url: string | null;
  consoleId: string | null;
  operator: Operator | null;
  waiting: number;
  conflicts: number;
  offlineSince: string | null;
  lastSyncAt: string | null;
  cursor: number;
}
