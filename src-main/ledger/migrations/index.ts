import type { Migration } from '../migration';
import { migration001 } from './001-tenants';
import { migration002 } from './002-settings';

/** Every migration, in version order. Add one line per new file; never edit a shipped migration. */
export const migrations: readonly Migration[] = [migration001, migration002];
