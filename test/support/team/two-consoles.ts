import { startPostgres, type PgCluster } from '../postgres/cluster';
import { startPostmarkSimulator, type PostmarkSimulator } from '../postmark-sim';
import { ensureBuilt, TeamConsole } from './consoles';

export interface TwoConsoles {
  cluster: PgCluster;
  sim: PostmarkSimulator;
  /** The team database, as the consoles were given it (with the password). */
  url: string;
  ann: TeamConsole;
  ben: TeamConsole;
  /** Stops both consoles, the simulator and the cluster. */
  close(): Promise<void>;
}

/**
 * Ann and Ben, two CLI consoles on one team: a PostgreSQL cluster and a Postmark simulator the test owns, Ann's
 * ledger filled by `seed` and published, Ben joined. Job claims lease for `leaseMs`.
 */
export async function twoConsoles(opts: { password: string; leaseMs: number; seed: (ann: TeamConsole) => Promise<void> }): Promise<TwoConsoles> {
  ensureBuilt();
  const cluster = await startPostgres();
  await cluster.createTeamDatabase('team', 'behalf', opts.password);
  const url = cluster.url({ user: 'behalf', password: opts.password, db: 'team' });
  const sim = await startPostmarkSimulator();
  const env = {
    BEHALF_TEAM_PASSWORD: opts.password,
    BEHALF_POSTMARK_URL: sim.url,
    POSTMARK_ACCOUNT_TOKEN: sim.accountToken,
    BEHALF_TEAM_LEASE_MS: String(opts.leaseMs),
  };
  const ann = new TeamConsole('ann', env);
  const ben = new TeamConsole('ben', env);
  const close = async () => {
    ann.destroy();
    ben.destroy();
    await sim.close();
    cluster.destroy();
  };
  try {
    await opts.seed(ann);
    await ann.ok('team', 'init', url, '--name', 'Ann', '--email', 'ann@vendor.example');
    await ben.ok('team', 'join', url, '--name', 'Ben', '--email', 'ben@vendor.example');
  } catch (err) {
    await close();
    throw err;
  }
  return { cluster, sim, url, ann, ben, close };
}
