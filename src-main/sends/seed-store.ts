import type { Seed } from '../../src-preload/api/sends';
import type { Db } from '../ledger/open';
import { ownedTables } from '../ledger/table-rows-repo';
import { writeTransaction } from '../ledger/write-transaction';

interface SeedRow {
  id: number;
  imap_host: string;
  imap_port: number;
  imap_tls: number;
  imap_user: string;
  authserv_id: string;
  address: string;
  provider: string;
  active: number;
  created_at: string;
  updated_at: string;
}

const toSeed = (r: SeedRow): Seed => ({
  id: r.id,
  address: r.address,
  provider: r.provider,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A seed's IMAP mailbox as stored (host '' = none). The password is in the vault, never here. */
export interface SeedMailboxConfig {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  /** The Authentication-Results authserv-id trusted for this mailbox; '' = the IMAP host. */
  authservId: string;
}

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
    const id = this.db
      .prepare(`INSERT INTO seed_inboxes (address, address_lc, provider, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(seed.address, seed.address.toLowerCase(), seed.provider, seed.active ? 1 : 0, now, now).lastInsertRowid;
    return this.get(Number(id))!;
  }

  update(id: number, patch: { provider?: string; active?: boolean }, now: string): Seed | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    this.db
      .prepare(`UPDATE seed_inboxes SET provider = ?, active = ?, updated_at = ? WHERE id = ?`)
      .run(patch.provider ?? current.provider, (patch.active ?? current.active) ? 1 : 0, now, id);
    return this.get(id);
  }

  mailbox(id: number): SeedMailboxConfig | undefined {
    const r = this.db.prepare(`SELECT * FROM seed_inboxes WHERE id = ?`).get(id) as SeedRow | undefined;
    return r ? { host: r.imap_host, port: r.imap_port, tls: r.imap_tls === 1, user: r.imap_user, authservId: r.authserv_id } : undefined;
  }

  setMailbox(id: number, m: SeedMailboxConfig, now: string): void {
    writeTransaction(this.db, () => {
      this.db
        .prepare(`UPDATE seed_inboxes SET imap_host = ?, imap_port = ?, imap_tls = ?, imap_user = ?, authserv_id = ?, updated_at = ? WHERE id = ?`)
        .run(m.host, m.port, m.tls ? 1 : 0, m.user, m.authservId, now, id);
    });
  }

  remove(id: number): boolean {
    return this.db.prepare(`DELETE FROM seed_inboxes WHERE id = ?`).run(id).changes === 1;
  }
}

/** Seed inboxes, for the whole-ledger export (issue #20). */
export const seedTables = ownedTables([{ name: 'seed_inboxes', orderBy: 'id' }]);
