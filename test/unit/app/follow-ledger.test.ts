import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followLedger } from '../../../src-main/app/follow-ledger';
import { ledgerFile } from '../../../src-main/app/paths';
import { tempDir, tempServices } from '../../support/temp';

/**
 * Long-lived doors follow commits made by other processes on their ledger (a CLI on the same data directory):
 * pages are told to reload, and a CLI join turns on the team runner. Their own commits — the services' and the
 * team connection's — are not announced again.
 */
describe('followLedger', () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  function follow() {
    const home = tempDir();
    const s = tempServices({ home, door: 'browser-host' });
    const events: string[] = [];
    s.bus.onAny((name, payload) => events.push(`${name}${(payload as { reason?: string }).reason ? `:${(payload as { reason: string }).reason}` : ''}`));
    const onTeamMode = vi.fn();
    stops.push(followLedger(s, onTeamMode), () => s.close());
    /** A write by "another process": its own connection to the same file. */
    const outside = (sql: string, ...params: unknown[]) => {
      const db = new Database(ledgerFile(home));
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    };
    return { s, events, onTeamMode, outside };
  }

  const settle = () => new Promise((r) => setTimeout(r, 800)); // a few of the watch's rounds

  it("announces another process's commit once, and not the door's own writes", async () => {
    const { s, events, outside } = follow();
    s.tenants.create({ name: 'Acme', domain: 'acme.example', fromAddress: 'support@acme.example' });
    await settle();
    s.team().setOperator('Jo Lee', 'jo@vendor.example'); // the team connection's own write
    await settle();
    expect(events.filter((e) => e.endsWith(':external'))).toEqual([]);

    outside(`UPDATE tenants SET name = 'Acme Outdoor', name_lc = 'acme outdoor'`);
    await vi.waitFor(() => expect(events).toContain('tenants.changed:external'), { timeout: 5000 });
    expect(events).toContain('settings.changed');
    expect(events).toContain('team.changed');
    await settle();
    expect(events.filter((e) => e === 'tenants.changed:external')).toHaveLength(1);
  });

  it('starts the team runner when another process made this console part of a team', async () => {
    const { onTeamMode, outside } = follow();
    outside(
      `INSERT INTO tenants (id, name, name_lc, domain, created_at, updated_at) VALUES ('t1', 'Acme', 'acme', 'acme.example', '2026-01-01', '2026-01-01')`,
    );
    await settle();
    expect(onTeamMode).not.toHaveBeenCalled(); // single-user: nothing to start
    outside(`INSERT INTO team_state (key, value_json) VALUES ('url', ?)`, JSON.stringify('postgres://behalf@db.example:5432/team'));
    await vi.waitFor(() => expect(onTeamMode).toHaveBeenCalled(), { timeout: 5000 });
  });
});
