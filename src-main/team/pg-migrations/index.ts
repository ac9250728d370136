import type { PgMigration } from '../pg-migrate';
import { pgMigration001 } from './001-team-ledger';

/** Every PostgreSQL migration of the team ledger, in version order (numbered apart from the SQLite ones). */
export const pgMigrations: readonly PgMigration[] = [pgMigration001];
