import { z } from 'zod';

/** Postmark provisioning, outbox and reconcile. No output here ever carries a token. */

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'needs-attention', 'cancelled'] as const;
export const jobStateSchema = z.enum(JOB_STATES);
export type JobStateName = z.infer<typeof jobStateSchema>;

export const postmarkIdSchema = z.object({ id: z.string().min(1) });
/** `forgetMissing`: the person confirmed that objects Postmark no longer has may be forgotten (postmark.confirm-forget). */
export const verifyInputSchema = postmarkIdSchema.extend({ forgetMissing: z.boolean().optional() });

export const provisionInputSchema = z.object({
  id: z.string().min(1),
  /** Option 1: a DNS label ("pm-bounces") or a full host under the tenant's domain. */
  returnPathDomain: z.string().trim().max(253).optional(),
  /** Option 2: shown in Postmark's confirmation email. */
  personalNote: z.string().max(400, 'Postmark allows at most 400 characters in the personal note.').optional(),
});

export const jobErrorSchema = z.object({ code: z.string(), message: z.string(), hint: z.string() });

export const jobSchema = z.object({
  id: z.number(),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  kind: z.string(),
  /** What the job does, in words ("create the domain acme.com"). */
  label: z.string(),
  state: jobStateSchema,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: jobErrorSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxJob = z.infer<typeof jobSchema>;

export const jobsInputSchema = z
  .object({
    tenantId: z.string().optional(),
    states: z.array(jobStateSchema).optional(),
  })
  .default({});
export const jobListSchema = z.object({ jobs: z.array(jobSchema) });
export const jobIdSchema = z.object({ jobId: z.number().int().positive() });

export const dkimKeySchema = z.object({ host: z.string(), value: z.string() });
export const postmarkStateSchema = z.object({
  tenantId: z.string(),
  server: z.object({ id: z.number(), name: z.string(), color: z.string(), deliveryType: z.string(), link: z.string() }).nullable(),
  domain: z
    .object({
      id: z.number(),
      name: z.string(),
      dkimVerified: z.boolean(),
      /** Postmark's DKIMUpdateStatus as sent (seen: Pending while a key waits in DNS, Verified); '' when absent. */
      dkimUpdateStatus: z.string(),
      pending: dkimKeySchema.nullable(),
      active: dkimKeySchema.nullable(),
      revoked: dkimKeySchema.nullable(),
      safeToRemoveRevokedKey: z.boolean(),
      returnPath: z.object({ domain: z.string(), cname: z.string(), verified: z.boolean() }),
    })
    .nullable(),
  sender: z.object({ id: z.number(), email: z.string(), name: z.string(), confirmed: z.boolean() }).nullable(),
  jobs: z.array(jobSchema),
});
export type PostmarkState = z.infer<typeof postmarkStateSchema>;

export const provisionResultSchema = z.object({ state: postmarkStateSchema, queued: z.number() });
export const confirmationMessageSchema = z.object({ subject: z.string(), body: z.string() });
export const deprovisionInputSchema = z.object({ id: z.string().min(1), confirmName: z.string() });

export const postmarkStatusSchema = z.object({
  hasToken: z.boolean(),
  simulated: z.boolean(),
  endpoint: z.string(),
  runner: z.enum(['idle', 'running', 'blocked', 'stopped']),
  /** Why the runner waits (offline, token refused), in words. */
  blockedBy: jobErrorSchema.nullable(),
  queued: z.number(),
  attention: z.number(),
});
export type PostmarkStatus = z.infer<typeof postmarkStatusSchema>;

export const OBJECT_KINDS = ['server', 'domain', 'sender'] as const;
export const objectKindSchema = z.enum(OBJECT_KINDS);
export const reconciledObjectSchema = z.object({
  kind: objectKindSchema,
  postmarkId: z.number(),
  name: z.string(),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
});
export const reconcileResultSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  matched: z.array(reconciledObjectSchema),
  unmatched: z.array(reconciledObjectSchema),
  /** Ledger rows written (0 when nothing changed in Postmark since the last run). */
  written: z.number(),
  error: jobErrorSchema.nullable(),
});
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;
export const linkInputSchema = z.object({ kind: objectKindSchema, postmarkId: z.number().int().positive(), tenantId: z.string().min(1) });
