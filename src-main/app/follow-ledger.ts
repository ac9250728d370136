import type { Services } from './services';

/** How often a long-lived door looks for commits made by other processes (one pragma: microseconds). */
const EVERY_MS = 250;

/**
 * Long-lived doors (`behalf serve`, Electron) follow commits that other processes make on this ledger — a CLI
 * command on the same data directory (`behalf tenants set`, `behalf team join`): open pages are told to reload what
 * they show, and a console that the CLI just joined to a team starts its team runner (`onTeamMode`), so a join
 * typed in a terminal fills the open tenants list as its slices are committed.
 *
 * SQLite's data_version changes when ANOTHER connection commits. The door has two: the services' and the team's
 * (whose applied changes are announced already, with the tenants they touched). A commit by another process moves
 * both; one by the team connection only the services' one, one by the services only the team's. So "both moved"
 * is another process (or, harmlessly, both of ours in the same quarter-second: one reload too many).
 */
export function followLedger(s: Pick<Services, 'db' | 'bus' | 'team'>, onTeamMode: () => void): () => void {
  const version = () => s.db.pragma('data_version', { simple: true }) as number;
  let seen = version();
  let teamSeen = s.team().ledgerVersion();
  const tick = setInterval(() => {
    const now = version();
    const teamNow = s.team().ledgerVersion();
    const outside = now !== seen && teamNow !== teamSeen;
    seen = now;
    teamSeen = teamNow;
    if (!outside) return;
    if (s.team().status().mode === 'team') onTeamMode();
    s.bus.emit('tenants.changed', { ids: [], reason: 'external' });
    s.bus.emit('settings.changed', {});
    s.bus.emit('team.changed', {});
  }, EVERY_MS);
  tick.unref?.();
  return () => clearInterval(tick);
}
