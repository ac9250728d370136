import type { ObjectChange } from './handler-types';
import type { ObjectStore } from './object-store';
import type { OutboxEvent, PostmarkObjectLink } from './types';

/** Writes a job's ledger changes; called inside the transaction that marks the job succeeded. */
export function applyChanges(objects: ObjectStore, changes: ObjectChange[], at: string): void {
  for (const change of changes) {
    if (change.op === 'upsert') objects.upsert(change, at);
    else if (change.op === 'update') objects.updateDetails(change.kind, change.postmarkId, change.details, at);
    else objects.remove(change.kind, change.postmarkId);
  }
}

/** Rows about to be removed, read before the commit so their removal can still be announced with tenant and name. */
export function linksAboutToGo(objects: ObjectStore, changes: ObjectChange[]): Map<number, PostmarkObjectLink> {
  const removed = new Map<number, PostmarkObjectLink>();
  for (const change of changes) {
    const linked = change.op === 'remove' ? objects.get(change.kind, change.postmarkId) : undefined;
    if (linked) removed.set(change.postmarkId, linked);
  }
  return removed;
}

/** One `object` event per linked object a job touched (unlinked objects, e.g. a foreign domain's verify, stay quiet). */
export function announceChanges(objects: ObjectStore, changes: ObjectChange[], removed: Map<number, PostmarkObjectLink>, emit: (e: OutboxEvent) => void): void {
  for (const change of changes) {
    const linked = change.op === 'remove' ? removed.get(change.postmarkId) : objects.get(change.kind, change.postmarkId);
    if (!linked) continue;
    const { tenantId, kind, postmarkId, name } = linked;
    emit({ type: 'object', change: change.op === 'remove' ? 'removed' : 'upserted', tenantId, kind, postmarkId, name });
  }
}
