import type { RotationStage } from '../../src-preload/api/dkim';
import type { Db } from '../ledger/open';
import { ownedTables } from '../ledger/table-rows-repo';
import { writeTransaction } from '../ledger/write-transaction';
import type { Sighting } from './key-states';

export interface RotationRow {
  id: number;
  tenant_id: string;
  domain_id: number;
  old_host: string;
  old_public_key: string;
  new_host: string | null;
  new_public_key: string | null;
  stage: RotationStage;
  job_id: number | null;
  sheet_state: 'waiting' | 'sent' | 'no-contact' | 'failed';
  sheet_detail: string;
  failure: string | null;
  queued_at: string;
  pending_at: string | null;
  active_at: string | null;
  safe_at: string | null;
  deleted_at: string | null;
  deleted_check_id: number | null;
  updated_at: string;
}

/** The column that records when a rotation reached each stage. */
const STAGE_TIME: Partial<Record<RotationStage, keyof RotationRow>> = {
  'new-key-pending': 'pending_at',
  'new-key-active': 'active_at',
  'old-key-safe-to-delete': 'safe_at',
  'old-key-deleted': 'deleted_at',
};
const ORDER: RotationStage[] = ['queued', 'new-key-pending', 'new-key-active', 'old-key-safe-to-delete', 'old-key-deleted'];

/** dkim_keys and dkim_rotations (migration 020); owned by the DKIM rotation calendar. */
export class DkimStore {
  constructor(private readonly db: Db) {}

  /** Runs `fn`'s writes (sightings, stage changes) as one transaction. */
  batch(fn: () => void): void {
    writeTransaction(this.db, fn);
  }

  /** Records a key's first sighting as pending / active; later sightings keep the first times. */
  sight(tenantId: string, host: string, publicKey: string, role: 'pending' | 'active', at: string): void {
    writeTransaction(this.db, () => {
      this.db.prepare('INSERT OR IGNORE INTO dkim_keys (tenant_id, host, public_key) VALUES (?, ?, ?)').run(tenantId, host, publicKey);
      const column = role === 'active' ? 'first_seen_active_at' : 'first_seen_pending_at';
      this.db
        .prepare(`UPDATE dkim_keys SET ${column} = ? WHERE tenant_id = ? AND host = ? AND public_key = ? AND ${column} IS NULL`)
        .run(at, tenantId, host, publicKey);
    });
  }

  sightings(tenantId: string): Sighting[] {
    return (
      this.db.prepare('SELECT host, public_key, first_seen_active_at, first_seen_pending_at FROM dkim_keys WHERE tenant_id = ?').all(tenantId) as {
        host: string;
        public_key: string;
        first_seen_active_at: string | null;
        first_seen_pending_at: string | null;
      }[]
    ).map((r) => ({ host: r.host, publicKey: r.public_key, firstSeenActiveAt: r.first_seen_active_at, firstSeenPendingAt: r.first_seen_pending_at }));
  }

  /** The open rotation, else the latest finished one. */
  latestRotation(tenantId: string): RotationRow | null {
    return (
      (this.db
        .prepare(
          `SELECT * FROM dkim_rotations WHERE tenant_id = ?
      ORDER BY stage NOT IN ('old-key-deleted', 'failed') DESC, id DESC LIMIT 1`,
        )
        .get(tenantId) as RotationRow | undefined) ?? null
    );
  }

  openRotations(): RotationRow[] {
    return this.db.prepare("SELECT * FROM dkim_rotations WHERE stage NOT IN ('old-key-deleted', 'failed') ORDER BY id").all() as RotationRow[];
  }

  openRotation(tenantId: string): RotationRow | null {
    return (
      (this.db.prepare("SELECT * FROM dkim_rotations WHERE tenant_id = ? AND stage NOT IN ('old-key-deleted', 'failed')").get(tenantId) as
        RotationRow | undefined) ?? null
    );
  }

  get(id: number): RotationRow {
    return this.db.prepare('SELECT * FROM dkim_rotations WHERE id = ?').get(id) as RotationRow;
  }

  /** A rotation queued with its outbox job, in the same transaction as `enqueue` (which the caller passes). */
  queue(r: { tenantId: string; domainId: number; oldHost: string; oldPublicKey: string }, at: string, enqueue: () => number): number {
    return writeTransaction(this.db, () => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO dkim_rotations (tenant_id, domain_id, old_host, old_public_key, stage, queued_at, updated_at)
        VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
          )
          .run(r.tenantId, r.domainId, r.oldHost, r.oldPublicKey, at, at).lastInsertRowid,
      );
      this.db.prepare('UPDATE dkim_rotations SET job_id = ? WHERE id = ?').run(enqueue(), id);
      return id;
    });
  }

  /**
   * Moves a rotation to a stage, stamping the time of every stage it passes (a verify may carry it past several at
   * once), plus the new key's host, a failure or the confirming DNS check.
   */
  advance(id: number, change: { stage: RotationStage; newHost?: string; newPublicKey?: string; failure?: string; checkId?: number }, at: string): void {
    writeTransaction(this.db, () => {
      const current = this.get(id);
      const from = ORDER.indexOf(current.stage);
      const to = ORDER.indexOf(change.stage);
      for (const stage of ORDER.slice(from + 1, to + 1)) {
        const column = STAGE_TIME[stage];
        if (column) this.db.prepare(`UPDATE dkim_rotations SET ${column} = COALESCE(${column}, ?) WHERE id = ?`).run(at, id);
      }
      this.db
        .prepare(
          `UPDATE dkim_rotations SET stage = ?, new_host = COALESCE(?, new_host), new_public_key = COALESCE(?, new_public_key),
        failure = COALESCE(?, failure), deleted_check_id = COALESCE(?, deleted_check_id), updated_at = ? WHERE id = ?`,
        )
        .run(change.stage, change.newHost ?? null, change.newPublicKey ?? null, change.failure ?? null, change.checkId ?? null, at, id);
    });
  }

  setSheet(id: number, state: RotationRow['sheet_state'], detail: string, at: string): void {
    writeTransaction(this.db, () => {
      this.db.prepare('UPDATE dkim_rotations SET sheet_state = ?, sheet_detail = ?, updated_at = ? WHERE id = ?').run(state, detail, at, id);
    });
  }
}

export const dkimTables = ownedTables([
  { name: 'dkim_keys', orderBy: 'id' },
  { name: 'dkim_rotations', orderBy: 'id' },
]);
