/** What one commit may have changed for the tenants list: these tenants' rows or tags, or anything. */
export type TouchedTenants = readonly string[] | 'all';

/**
 * Told around each commit of a second connection of this process to the ledger (the team's), so a reader on the
 * first connection can follow the change instead of treating it as another process's and rebuilding: see
 * TenantIndex.siblingWitness. `touched` is asked after the commit, with its result.
 */
export interface CommitWitness {
  around<T>(commit: () => T, touched: (result: T) => TouchedTenants): T;
}

/** No reader follows: the commit is noticed like any other connection's (data_version moves). */
export const UNWITNESSED: CommitWitness = { around: (commit) => commit() };
