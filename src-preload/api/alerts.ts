import { z } from 'zod';

/**
 * The watch's alerts (issue #18): facts a watch round noticed, each raised once. Unread = neither acknowledged nor
 * snoozed past now. The renderer links each to its tenant.
 */
export const ALERT_KINDS = ['dkim-gone', 'dmarc-tightened', 'health-in-trouble', 'dmarc-new-failing-sender', 'dkim-revoked-safe'] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertSchema = z.object({
  id: z.number().int(),
  factKey: z.string(),
  kind: alertKindSchema,
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Not acknowledged and not snoozed past now: counted in the sidebar. */
  unread: z.boolean(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListInputSchema = z.object({ includeAcknowledged: z.boolean().default(false) }).default({ includeAcknowledged: false });
export const alertListSchema = z.object({ alerts: z.array(alertSchema), unread: z.number().int() });
export type AlertList = z.infer<typeof alertListSchema>;

export const alertIdSchema = z.object({ id: z.number().int().positive() });
export const alertSnoozeSchema = z.object({
  id: z.number().int().positive(),
  hours: z
    .number()
    .int()
    .min(1, 'At least an hour.')
    .max(24 * 30, 'At most 30 days.'),
});

export const watchRoundSchema = z.object({
  startedAt: z.string(),
  /** Tenants whose DNS was rechecked, and those whose check failed (named, the round goes on). */
  checked: z.number().int(),
  failed: z.array(z.object({ tenantId: z.string(), name: z.string(), step: z.enum(['dns', 'health']), message: z.string() })),
  raised: z.array(alertSchema),
});
export type WatchRound = z.infer<typeof watchRoundSchema>;
