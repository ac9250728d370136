import { createRequire } from 'node:module';
import type pg from 'pg';

const requireHere = createRequire(import.meta.url);
let loaded: typeof pg | undefined;

/**
 * The PostgreSQL client, loaded the first time this process talks to a team server rather than at every start:
 * `pg` and what it requires cost ~40 ms of CPU while the console draws its first screen (bench P5), and a console
 * that is not in a team never needs it. Synchronous, so callers keep their shape.
 */
export function pgModule(): typeof pg {
  return (loaded ??= requireHere('pg') as typeof pg);
}
