/** The Postmark outbox: persisted jobs for every Postmark mutation, with adoption on retry. */
export { createOutbox } from './outbox';
export type { Outbox, OutboxOptions, EnqueueInput, RunSummary } from './outbox';
export { jobPayloadSchemas, JOB_KINDS, isJobKind } from './payloads';
export type { JobKind, JobPayloads, ServerRef, DomainRef, SenderRef } from './payloads';
export type { JobView, JobState, JobError, JobChange, OutboxEvent, RunnerStatus, PostmarkObjectLink, ObjectKind, ServerTokenVault } from './types';
export { createServerTokenSource } from './server-tokens';
export type { ServerTokenSource } from './server-tokens';
export { provisioningJobs, verificationJobs, enqueueAll } from './provision';
export type { ProvisionPlanInput } from './provision';
export { syncPostmarkObjects } from './sync';
export type { SyncReport } from './sync';
