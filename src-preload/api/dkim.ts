import { z } from 'zod';

/**
 * The DKIM rotation calendar (issue #18 part 3): every option-1 tenant's Postmark DKIM keys, how old the active one
 * is, whether it is due under the policy (Settings → DKIM rotation), and the rotations Behalf tracks.
 */

/** active: Postmark signs with it; pending: waiting in DNS; revoked: the old key after a rotation (published or gone). */
export const DKIM_KEY_ROLES = ['active', 'pending', 'revoked'] as const;

export const dkimKeySchema = z.object({
  role: z.enum(DKIM_KEY_ROLES),
  host: z.string(),
  selector: z.string(),
  /** RSA modulus length decoded from the key's p= value; null when it does not decode (bitsError says why). */
  bits: z.number().int().nullable(),
  bitsError: z.string().nullable(),
  /** When Behalf first saw this key active (the key's age counts from there); null: never seen active. */
  firstSeenActiveAt: z.string().nullable(),
  /** False when the key was already active the first time Behalf looked: its age is "at least". */
  ageExact: z.boolean(),
  /** Revoked keys: still in DNS per the latest DNS check (null: no check has looked at it yet). */
  published: z.boolean().nullable(),
});
export type DkimKey = z.infer<typeof dkimKeySchema>;

/** A rotation as Behalf tracks it, from queued to the old TXT record confirmed gone. */
export const ROTATION_STAGES = ['queued', 'new-key-pending', 'new-key-active', 'old-key-safe-to-delete', 'old-key-deleted', 'failed'] as const;
export const rotationStageSchema = z.enum(ROTATION_STAGES);
export type RotationStage = z.infer<typeof rotationStageSchema>;

export const SHEET_STATES = ['waiting', 'sent', 'no-contact', 'failed'] as const;

export const dkimRotationSchema = z.object({
  id: z.number().int(),
  tenantId: z.string(),
  stage: rotationStageSchema,
  oldHost: z.string(),
  newHost: z.string().nullable(),
  /** The customer's new instruction sheet: waiting for the new key, sent to the IT contact, no contact, or failed. */
  sheet: z.object({ state: z.enum(SHEET_STATES), detail: z.string() }),
  queuedAt: z.string(),
  pendingAt: z.string().nullable(),
  activeAt: z.string().nullable(),
  safeAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Why a rotation stopped (its outbox job failed or was cancelled). */
  failure: z.string().nullable(),
  /** The next thing a person does, in words. */
  next: z.string(),
});
export type DkimRotation = z.infer<typeof dkimRotationSchema>;

export const dkimRowSchema = z.object({
  tenantId: z.string(),
  name: z.string(),
  domain: z.string(),
  status: z.string(),
  keys: z.array(dkimKeySchema),
  /** Whole days since the active key was first seen active; null without an active key. */
  ageDays: z.number().int().nullable(),
  /** When the active key is due under the policy; null without an active key. */
  dueAt: z.string().nullable(),
  due: z.boolean(),
  /** The open rotation, else the latest finished one (null: never rotated through Behalf). */
  rotation: dkimRotationSchema.nullable(),
});
export type DkimRow = z.infer<typeof dkimRowSchema>;

export const dkimFilterSchema = z.enum(['all', 'due', 'rotating']);
export type DkimFilter = z.infer<typeof dkimFilterSchema>;

export const dkimListInputSchema = z
  .object({
    filter: dkimFilterSchema.optional(),
    /** At most this many rows, most urgent first (the counts still cover every option-1 tenant). */
    limit: z.number().int().min(1).max(5_000).optional(),
  })
  .default({});
export type DkimListInput = z.infer<typeof dkimListInputSchema>;

export const dkimListSchema = z.object({
  /** Due first, then open rotations, then the oldest keys; at most `limit` of them when one was asked for. */
  rows: z.array(dkimRowSchema),
  /** Rows of the asked filter before the limit. */
  total: z.number().int().nonnegative(),
  /** Every option-1 tenant, by filter, whatever was asked. */
  counts: z.object({ all: z.number().int().nonnegative(), due: z.number().int().nonnegative(), rotating: z.number().int().nonnegative() }),
  policyMonths: z.number().int(),
  due: z.number().int(),
});
export type DkimList = z.infer<typeof dkimListSchema>;

export const dkimRotateInputSchema = z.union([
  z.object({ tenantIds: z.array(z.string().min(1)).min(1, 'Name at least one tenant.').max(1000) }),
  z.object({ allDue: z.literal(true) }),
]);
export type DkimRotateInput = z.infer<typeof dkimRotateInputSchema>;

export const dkimRotateResultSchema = z.object({
  queued: z.array(z.object({ tenantId: z.string(), name: z.string(), rotationId: z.number().int() })),
  skipped: z.array(z.object({ tenantId: z.string(), name: z.string(), reason: z.string() })),
  list: dkimListSchema,
});
export type DkimRotateResult = z.infer<typeof dkimRotateResultSchema>;

export const dkimProgressInputSchema = z.object({ tenantId: z.string().min(1).optional() }).default({});
export const dkimProgressResultSchema = z.object({
  advanced: z.array(z.object({ tenantId: z.string(), name: z.string(), from: rotationStageSchema, to: rotationStageSchema })),
  failed: z.array(z.object({ tenantId: z.string(), name: z.string(), message: z.string() })),
  list: dkimListSchema,
});
export type DkimProgressResult = z.infer<typeof dkimProgressResultSchema>;

/** Where the policy's default comes from, said beside the setting. */
export const DKIM_POLICY_SOURCE =
  "Default 6 months: M3AAWG's DKIM Key Rotation Best Common Practices (2019) recommend every six months for most senders, at least yearly for low-volume ones (as summarised by Validity's knowledge base). Postmark publishes no schedule of its own.";
export const DEFAULT_DKIM_ROTATION_MONTHS = 6;
