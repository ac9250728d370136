import { describe, expect, it } from 'vitest';
import type { CommitWitness, TouchedTenants } from '../../../src-main/core/commit-witness';
import { openLedger } from '../../../src-main/ledger/open';
import { TeamStore } from '../../../src-main/team/team-store';
import { tempServices } from '../../support/temp';

/** The team store tells its witness which tenants each commit touched (the tenant index patches just those). */
describe('team store commits, as the witness hears them', () => {
  it('names the tenants of pulled tenant and tag changes (deletes included), and none for bookkeeping', () => {
    const s = tempServices();
    const acme = s.tenants.create({ name: 'Acme', domain: 'acme.example', tags: ['vip'] }).id;
    const globex = s.tenants.create({ name: 'Globex', domain: 'globex.example' }).id;
    const heard: TouchedTenants[] = [];
    const witness: CommitWitness = {
      around(commit, touched) {
        const result = commit();
        heard.push(touched(result));
        return result;
      },
    };
    const team = openLedger(s.ledgerFile);
    const store = new TeamStore(team, witness);
    store.setState('probe', 1);
    store.applyPulled(
      [
        { seq: 1, table: 'tenant_tags', keyJson: JSON.stringify([acme, 'vip']), effect: 'delete', fields: null },
        { seq: 2, table: 'tenants', keyJson: JSON.stringify([globex]), effect: 'update', fields: { name: 'Globex Two' } },
        {
          seq: 3,
          table: 'dmarc_chosen_records',
          keyJson: JSON.stringify([globex]),
          effect: 'upsert',
          fields: { tenant_id: globex, record: 'v=DMARC1; p=none' },
        },
      ],
      3,
    );
    expect(heard[0]).toEqual([]);
    expect(heard[1]).toEqual(expect.arrayContaining([acme, globex]));
    expect(heard[1]).toHaveLength(2);
    expect(s.db.prepare('SELECT count(*) AS n FROM tenant_tags WHERE tenant_id = ?').get(acme)).toEqual({ n: 0 });
    // A join's copy (and anything else run "muted" without saying what it touched) counts as every tenant.
    store.muted(() => undefined);
    expect(heard[2]).toBe('all');
    team.close();
    s.close();
  });
});
