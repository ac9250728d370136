import { describe, expect, it } from 'vitest';
import type { TeamStatusView } from '../../../src-preload/api/team';
import { teamLine } from '../../../src-renderer/features/team/team-line';

const status = (over: Partial<TeamStatusView>): TeamStatusView => ({
  mode: 'team',
  server: 'postgres://behalf@db.internal:5432/team',
  operator: { name: 'Jane', email: 'jane@vendor.example' },
  waiting: 0,
  conflicts: 0,
  offlineSince: null,
  lastSyncAt: '2026-03-01T10:00:00Z',
  ...over,
});

describe("the sidebar's team line (issue #19)", () => {
  it('says nothing in single-user mode', () => {
    expect(teamLine(status({ mode: 'single', server: null }))).toBeNull();
  });
  it('says in sync, or how many changes wait', () => {
    expect(teamLine(status({}))).toEqual({ text: 'team: in sync', tone: 'ok' });
    expect(teamLine(status({ waiting: 1 }))).toEqual({ text: 'team: 1 change waiting', tone: 'waiting' });
    expect(teamLine(status({ waiting: 12 }))?.text).toBe('team: 12 changes waiting');
  });
  it('says since when it is offline, and what waits meanwhile', () => {
    const since = new Date(2026, 2, 1, 10, 14).toISOString();
    const line = teamLine(status({ offlineSince: since, waiting: 2 }))!;
    expect(line.tone).toBe('offline');
    expect(line.text).toMatch(/^team: offline since .*10:14.* · 2 changes waiting$/);
  });
});
