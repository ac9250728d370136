import type { CommitResult } from '../commit-report-store';
import type { RepairNote } from '../repairs';
import type { ReportHeader } from '../report-types';
import type { WireError } from './wire-error';

/** What the row writer's thread does for one report at a time (sessions), in the order asked. */
export type ToRowWriter =
  | { type: 'open'; session: number; header?: ReportHeader; sourceFile: string; importedAt: string }
  /**
   * One batch of rows as JSON (`JsonRows`): one string crosses far faster than thousands of cloned values, and SQLite
   * reads it as it is (`ROWS_FROM_JSON`).
   */
  | { type: 'rows'; session: number; json: string; rows: number; messages: number }
  /** The report's digest is made here, from the batches as they are written (report-digest.ts). */
  | { type: 'commit'; session: number; header: ReportHeader; sourceFile: string; importedAt: string; repairs: RepairNote[] }
  | { type: 'dispose'; session: number }
  | { type: 'close' };

export type FromRowWriter =
  | { type: 'written'; session: number }
  | { type: 'committed'; session: number; result: CommitResult }
  | { type: 'disposed'; session: number }
  | { type: 'failed'; session: number; error: WireError }
  | { type: 'closed' }
  /** How long one of the writer's write transactions took, when asked to report them (`observeWrites`). */
  | { type: 'transaction'; ms: number };
