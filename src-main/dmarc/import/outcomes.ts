import type { BehalfError } from '../../../src-preload/api/errors';
import type { CommitResult } from './commit-report-store';

/**
 * Where a reader reports each report it finished and each one it refused. Containers (zip, e-mail) can
 * hold several reports, so one file may produce several outcomes; `entry` names the one inside.
 */
export interface ReportOutcomes {
  result(result: CommitResult, entry?: string): void;
  error(error: BehalfError, entry?: string): void;
  /** A failure report (ruf) was read: `stored` false when it was already in the ledger. */
  failure(stored: boolean): void;
}
