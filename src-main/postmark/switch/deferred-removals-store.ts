import type { SendingOption } from '../../../src-preload/api/tenants';
import type { Db } from '../../ledger/open';
import type { DeferCondition, LinkFacts, RemovableKind, WaitingRemoval } from './switch-actions';
import { ownedTables } from '../../ledger/table-rows-repo';

export type DeferredState = 'waiting' | 'enqueued' | 'cancelled';

export interface DeferredRemoval {
  id: number;
  tenantId: string;
  fromOption: SendingOption | null;
  toOption: SendingOption;
  kind: RemovableKind;
  postmarkId: number;
  label: string;
  condition: DeferCondition;
  state: DeferredState;
  jobId: number | null;
  note: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  tenant_id: string;
  from_option: number | null;
  to_option: number;
  kind: RemovableKind;
  postmark_id: number;
  label: string;
  condition: DeferCondition;
  state: DeferredState;
  job_id: number | null;
  note: string;
  created_at: string;
  updated_at: string;
}

const toView = (r: Row): DeferredRemoval => ({
  id: r.id,
  tenantId: r.tenant_id,
  fromOption: r.from_option as SendingOption | null,
  toOption: r.to_option as SendingOption,
  kind: r.kind,
  postmarkId: r.postmark_id,
  label: r.label,
  condition: r.condition,
  state: r.state,
  jobId: r.job_id,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** deferred_removals (migration 007): removals a switch parked until the new way of sending works. */
export class DeferredRemovalStore {
  constructor(private readonly db: Db) {}

  /** Parks a removal; an object already waiting keeps its first entry (returns undefined). */
  add(
    input: {
      tenantId: string;
      from: SendingOption | null;
      to: SendingOption;
      kind: RemovableKind;
      postmarkId: number;
      label: string;
      condition: DeferCondition;
    },
    now: string,
  ): DeferredRemoval | undefined {
    const info = this.db
      .prepare(
        `INSERT INTO deferred_removals
        (tenant_id, from_option, to_option, kind, postmark_id, label, condition, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (kind, postmark_id) WHERE state = 'waiting' DO NOTHING`,
      )
      .run(input.tenantId, input.from, input.to, input.kind, input.postmarkId, input.label, input.condition, now, now);
    return info.changes === 1 ? this.get(Number(info.lastInsertRowid)) : undefined;
  }

  get(id: number): DeferredRemoval | undefined {
    const row = this.db.prepare('SELECT * FROM deferred_removals WHERE id = ?').get(id) as Row | undefined;
    return row ? toView(row) : undefined;
  }

  waiting(tenantId: string): DeferredRemoval[] {
    return (this.db.prepare(`SELECT * FROM deferred_removals WHERE tenant_id = ? AND state = 'waiting' ORDER BY id`).all(tenantId) as Row[]).map(toView);
  }

  /** The newest first: waiting ones and what became of earlier ones. */
  forTenant(tenantId: string, limit = 50): DeferredRemoval[] {
    return (this.db.prepare(`SELECT * FROM deferred_removals WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`).all(tenantId, limit) as Row[]).map(toView);
  }

  /** Guarded on 'waiting' so a removal is enqueued at most once even if two follow-ups race. */
  markEnqueued(id: number, jobId: number, note: string, now: string): boolean {
    return (
      this.db
        .prepare(`UPDATE deferred_removals SET state = 'enqueued', job_id = ?, note = ?, updated_at = ? WHERE id = ? AND state = 'waiting'`)
        .run(jobId, note, now, id).changes === 1
    );
  }

  cancel(id: number, note: string, now: string): boolean {
    return (
      this.db.prepare(`UPDATE deferred_removals SET state = 'cancelled', note = ?, updated_at = ? WHERE id = ? AND state = 'waiting'`).run(note, now, id)
        .changes === 1
    );
  }
}

export const asWaiting = (d: DeferredRemoval): WaitingRemoval => ({ id: d.id, kind: d.kind, postmarkId: d.postmarkId, label: d.label });

/** Links with their stored Postmark details (only the verification flags matter here). */
export type LinkWithDetails = LinkFacts & { details: Record<string, unknown> };

/** Pure: has the new way of sending started to work? Read from what Postmark last told the ledger. */
export function conditionMet(condition: DeferCondition, links: readonly LinkWithDetails[], removing: { kind: RemovableKind; postmarkId: number }): boolean {
  // The object being removed never counts as its own replacement.
  const others = links.filter((l) => !(l.kind === removing.kind && l.postmarkId === removing.postmarkId));
  if (condition === 'after-domain-verified') {
    return others.some((l) => l.kind === 'domain' && l.details.DKIMVerified === true && l.details.ReturnPathDomainVerified === true);
  }
  return others.some((l) => l.kind === 'sender' && l.details.Confirmed === true);
}

export const CONDITION_TEXT: Record<DeferCondition, string> = {
  'after-domain-verified': 'after the new domain verifies (DKIM and Return-Path)',
  'after-signature-confirmed': 'after the new sender signature is confirmed',
};

/** Removals waiting for a plan switch to finish, for the whole-ledger export (issue #20). */
export const deferredRemovalTables = ownedTables([{ name: 'deferred_removals', orderBy: 'id' }]);
