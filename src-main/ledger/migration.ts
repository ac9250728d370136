import type { Database } from 'better-sqlite3';

/**
 * One forward-only schema step. Each lives in its own file `migrations/NNN-name.ts` with its own test,
 * and is listed in `migrations/index.ts` in version order.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
