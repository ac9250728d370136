import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { TeamStore } from '../../../src-main/team/team-store';
import { JoinCopyStore } from '../../../src-main/team/join-copy-store';
import { tempDir } from '../../support/temp';

/**
 * A join copies a million DMARC rows faster without keeping their secondary indexes ordered row by row: it drops
 * them and makes them again after the copy. A join cut off in between (kill -9) must not leave the ledger without
 * them: the definitions wait in team_state and come back when the team service next starts.
 */
describe('indexes deferred during a join', () => {
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  const indexes = (db: Db, table: string) =>
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(table) as { name: string }[]).map(
      (r) => r.name,
    );

  it('drops only the secondary indexes and makes them again, also from another connection after a cut-off', () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const db = openLedger(file);
    open.push(db);
    const rowsBefore = indexes(db, 'dmarc_rows');
    const reportsBefore = indexes(db, 'dmarc_reports');
    expect(rowsBefore.length).toBeGreaterThan(0);

    new JoinCopyStore(db, new TeamStore(db)).deferIndexes(['dmarc_rows', 'dmarc_reports']);
    expect(indexes(db, 'dmarc_rows')).toEqual([]);
    // Unique indexes stay (a copy's upserts and the rows' parent lookups use them).
    const unique = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dmarc_reports' AND sql LIKE 'CREATE UNIQUE%'`).all() as unknown[]
    ).length;
    expect(indexes(db, 'dmarc_reports')).toHaveLength(unique);

    // The join's process is gone; the next team service on this ledger (a new connection) makes them again.
    const next = openLedger(file);
    open.push(next);
    new JoinCopyStore(next, new TeamStore(next)).restoreIndexes();
    expect(indexes(next, 'dmarc_rows')).toEqual(rowsBefore);
    expect(indexes(next, 'dmarc_reports')).toEqual(reportsBefore);
    expect(new TeamStore(next).getState('deferredIndexes')).toBeUndefined();
    new JoinCopyStore(next, new TeamStore(next)).restoreIndexes(); // nothing left to do: no error
  });
});
