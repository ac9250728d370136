import type { Seed } from '../../src-preload/api/sends';
import type { Db } from '../ledger/open';
import { ownedTables } from '../ledger/table-rows-repo';

interface SeedRow {
  id: number;
  address: string;
  provider: string;
  active: number;
  created_at: string;
  updated_at: string;
}

const toSeed = (r: SeedRow): Seed => ({
  id: r.id, address: r.address, provider: r.provider, active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** seed_inboxes: plain SQL, no rules (the service validates). */
export class SeedStore {
  constructor(private readonly db: Db) {}

  list(): Seed[] {
    return (this.db.prepare(`SELECT * FROM seed_inboxes ORDER BY provider COLLATE NOCASE, address_lc`).all() as SeedRow[]).map(toSeed);
  }

  get(id: number): Seed | undefined {
    const row = this.db.prepare(`SELECT * FROM seed_inboxes WHERE id = ?`).get(id) as SeedRow | undefined;
    return row ? toSeed(row) : undefined;
  }

  findByAddress(address: string): Seed | undefined {
    const row = this.db.prepare(`SELECT * FROM seed_inboxes WHERE address_lc = ?`).get(address.trim().toLowerCase()) as SeedRow | undefined;
    return row ? toSeed(row) : undefined;
  }

  insert(seed: { address: string; provider: string; active: boolean }, now: string): Seed {
    const id = this.db.prepare(`INSERT INTO seed_inboxes (address, address_lc, provider, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(seed.address, seed.address.toLowerCase(), seed.provider, seed.active ? 1 : 0, now, now).lastInsertRowid;
    return this.get(Number(id))!;
  }

  update(id: number, patch: { provider?: string; active?: boolean }, now: string): Seed | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    this.db.prepare(`UPDATE seed_inboxes SET provider = ?, active = ?, updated_at = ? WHERE id = ?`)
      .run(patch.provider ?? current.provider, (patch.active ?? current.active) ? 1 : 0, now, id);
    return this.get(id);
  }

  remove(id: number): boolean {
    return this.db.prepare(`DELETE FROM seed_inboxes WHERE id = ?`).run(id).changes === 1;
  }
}

/** Seed inboxes, for the whole-ledger export (issue #20). */
export const seedTables = ownedTables([{ name: 'seed_inboxes', orderBy: 'id' }]);
