import type { RotationStage } from '../../src-preload/api/dkim';
import type { PostmarkState } from '../../src-preload/api/postmark';
import type { StoredCheck } from '../dns/check-store';
import { publicKeyOf, revokedPublished } from './key-states';

export interface TrackedRotation {
  stage: RotationStage;
  oldHost: string;
  oldPublicKey: string;
  newHost: string | null;
}

export interface RotationFacts {
  domain: PostmarkState['domain'];
  /** The rotate-dkim job's state in the outbox (null: no longer listed, e.g. succeeded long ago). */
  job: { state: string; error: string | null } | null;
  /** The tenant's latest DNS check, with its time. */
  check: Pick<StoredCheck, 'report' | 'checkedAt' | 'id'> | null;
  /** When the rotation reached "old key safe to delete" (a check must be newer to confirm the deletion). */
  safeAt: string | null;
}

export type StageChange = { stage: RotationStage; newHost?: string; newPublicKey?: string; failure?: string; checkId?: number };

const FINISHED: ReadonlySet<RotationStage> = new Set(['old-key-deleted', 'failed']);

/**
 * The next stage of a rotation from what Behalf knows now (Postmark's domain as last read, the outbox job, the latest
 * DNS check). Pure; it may move several stages at once (a verify that ran before anyone looked). Null: no change.
 *
 *   queued → new-key-pending (Postmark shows a new pending key: publish it)
 *          → new-key-active (the new key verified: Postmark signs with it, the old one is revoked)
 *          → old-key-safe-to-delete (Postmark's SafeToRemoveRevokedKeyFromDNS)
 *          → old-key-deleted (a DNS check after that no longer finds the old key's TXT)
 */
export function nextStage(r: TrackedRotation, f: RotationFacts): StageChange | null {
  if (FINISHED.has(r.stage)) return null;
  const d = f.domain;
  let stage = r.stage;
  let newHost = r.newHost;
  let newPublicKey: string | undefined;
  if (stage === 'queued') {
    if (f.job && (f.job.state === 'failed' || f.job.state === 'cancelled')) {
      return { stage: 'failed', failure: f.job.error ?? `The rotation job was ${f.job.state} in the outbox.` };
    }
    const fresh =
      d?.pending && (d.pending.host !== r.oldHost || publicKeyOf(d.pending.value) !== r.oldPublicKey)
        ? d.pending
        : d?.active && (d.active.host !== r.oldHost || publicKeyOf(d.active.value) !== r.oldPublicKey)
          ? d.active
          : null;
    if (!fresh) return null;
    stage = 'new-key-pending';
    newHost = fresh.host;
    newPublicKey = publicKeyOf(fresh.value);
  }
  if (stage === 'new-key-pending' && d?.active && d.active.host === newHost) stage = 'new-key-active';
  if (stage === 'new-key-active' && d?.safeToRemoveRevokedKey && d.revoked?.host === r.oldHost) stage = 'old-key-safe-to-delete';
  if (stage === 'old-key-safe-to-delete' && f.check && (f.safeAt === null || f.check.checkedAt >= f.safeAt)) {
    const oldValue = `p=${r.oldPublicKey}`;
    if (revokedPublished(f.check, r.oldHost, oldValue) === false) {
      return { stage: 'old-key-deleted', checkId: f.check.id, ...(newHost && newHost !== r.newHost ? { newHost } : {}) };
    }
  }
  if (stage === r.stage) return null;
  return { stage, ...(newHost && newHost !== r.newHost ? { newHost, ...(newPublicKey ? { newPublicKey } : {}) } : {}) };
}

/** What a person does next, in words. */
export function nextStep(stage: RotationStage, newHost: string | null, oldHost: string): string {
  switch (stage) {
    case 'queued':
      return 'Waiting for Postmark to create the new key (the outbox runs the rotation).';
    case 'new-key-pending':
      return `Publish the new key at ${newHost ?? 'the new selector'} (the customer's sheet has it), then verify.`;
    case 'new-key-active':
      return `Postmark signs with the new key; keep the old key at ${oldHost} until Postmark says it is safe to delete.`;
    case 'old-key-safe-to-delete':
      return `Delete the TXT record at ${oldHost}, then check DNS to confirm it is gone.`;
    case 'old-key-deleted':
      return 'Done: the old key is gone from DNS.';
    case 'failed':
      return 'The rotation did not start; see why, fix it and rotate again.';
  }
}
