import type { PostmarkGateway } from '../gateway';
import type { ObjectStore } from './object-store';
import type { JobKind } from './payloads';
import type { JobView, ObjectKind, ServerTokenVault } from './types';

export interface HandlerContext {
  gateway: PostmarkGateway;
  objects: ObjectStore;
  vault: ServerTokenVault;
}

/** Ledger changes a job makes; applied in the same transaction that marks the job succeeded. */
export type ObjectChange =
  | { op: 'upsert'; tenantId: string; kind: ObjectKind; postmarkId: number; name: string; details: object }
  | { op: 'update'; kind: ObjectKind; postmarkId: number; details: object }
  | { op: 'remove'; kind: ObjectKind; postmarkId: number };

export interface HandlerOutcome {
  result: Record<string, unknown>;
  changes: ObjectChange[];
}

export type JobHandler<K extends JobKind = JobKind> = (ctx: HandlerContext, job: JobView<K>) => Promise<HandlerOutcome>;

/** Linked to the job's tenant when it has one, else only refreshed if already linked. */
export function recordDetails(job: JobView, kind: ObjectKind, postmarkId: number, name: string, details: object): ObjectChange {
  return job.tenantId ? { op: 'upsert', tenantId: job.tenantId, kind, postmarkId, name, details } : { op: 'update', kind, postmarkId, details };
}
