import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { TenantIndex } from '../../../src-main/tenants/tenant-index';
import { tempServices } from '../../support/temp';

/**
 * The team's connection commits changes pulled from other consoles (and its own bookkeeping). The tenant index,
 * on the services' connection, sees those as another connection's commits; told by the witness around each one,
 * it patches the tenants touched instead of rebuilding — but only when no third connection committed too.
 */
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  vi.restoreAllMocks();
});

function setup() {
  const s = tempServices();
  const names = ['Acme', 'Globex', 'Initech', 'Umbrella'];
  const ids = names.map((name) => s.tenants.create({ name, domain: `${name.toLowerCase()}.example` }).id);
  const team = openLedger(s.ledgerFile);
  const other = openLedger(s.ledgerFile); // another process, as far as SQLite can tell
  open.push(team, other);
  const index = new TenantIndex(s.db);
  const witness = index.siblingWitness(() => team.pragma('data_version', { simple: true }) as number);
  const reloads = vi.spyOn(index, 'reload');
  const rename = (db: Db, id: string, name: string) => db.prepare('UPDATE tenants SET name = ?, name_lc = ? WHERE id = ?').run(name, name.toLowerCase(), id);
  const shown = (search = '') => index.query({ search }).ids;
  expect(shown()).toHaveLength(4);
  return { s, ids, team, other, index, witness, reloads, rename, shown };
}

describe('tenant index and the team connection', () => {
  it('patches the tenants a witnessed commit touched, without a rebuild', () => {
    const { ids, team, witness, reloads, rename, shown } = setup();
    witness.around(
      () => rename(team, ids[0]!, 'Zenith'),
      () => [ids[0]!],
    );
    expect(shown('zenith')).toEqual([ids[0]]);
    expect(shown().at(-1)).toBe(ids[0]); // sorted by its new name
    // Bookkeeping that touches no tenant (the push's "sent" marks, the cursor) keeps the index as it is.
    witness.around(
      () =>
        team.prepare(`INSERT INTO team_state (key, value_json) VALUES ('probe', '1') ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`).run(),
      () => [],
    );
    expect(shown()).toHaveLength(4);
    expect(reloads).not.toHaveBeenCalled();
  });

  it('rebuilds when another connection committed before the witnessed commit', () => {
    const { ids, team, other, witness, reloads, rename, shown } = setup();
    rename(other, ids[1]!, 'Outside');
    witness.around(
      () => rename(team, ids[0]!, 'Zenith'),
      () => [ids[0]!],
    );
    expect(shown('outside')).toEqual([ids[1]]);
    expect(shown('zenith')).toEqual([ids[0]]);
    expect(reloads).toHaveBeenCalled();
  });

  it('rebuilds when another connection committed right after it, before the index looked', () => {
    const { ids, team, other, witness, reloads, rename, shown } = setup();
    witness.around(
      () => {
        rename(team, ids[0]!, 'Zenith');
        rename(other, ids[1]!, 'Outside'); // between the team's commit and the witness's second look
      },
      () => [ids[0]!],
    );
    expect(shown('outside')).toEqual([ids[1]]);
    expect(reloads).toHaveBeenCalled();
  });

  it('rebuilds after a commit that touched any tenant, or removed one', () => {
    const { ids, team, witness, reloads, rename, shown } = setup();
    witness.around(
      () => rename(team, ids[2]!, 'Bulk'),
      () => 'all',
    );
    expect(shown('bulk')).toEqual([ids[2]]);
    expect(reloads).toHaveBeenCalledTimes(1);
    witness.around(
      () => team.prepare('DELETE FROM tenants WHERE id = ?').run(ids[3]!),
      () => [ids[3]!],
    );
    expect(shown()).toHaveLength(3);
    expect(reloads).toHaveBeenCalledTimes(2);
  });

  it('follows a tag added by the team', () => {
    const { ids, team, witness, reloads, index } = setup();
    witness.around(
      () => team.prepare(`INSERT INTO tenant_tags (tenant_id, tag) VALUES (?, 'vip')`).run(ids[1]!),
      () => [ids[1]!],
    );
    expect(index.query({ tags: ['vip'] }).ids).toEqual([ids[1]]);
    expect(reloads).not.toHaveBeenCalled();
  });
});
