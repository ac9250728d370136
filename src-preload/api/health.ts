import { z } from 'zod';
import { sendingOptionSchema, tenantStatusSchema } from './tenants';

/**
 * Sending health (issue #18): each tenant's Postmark Stats and Bounce API numbers, cached per day in the ledger,
 * judged against thresholds from Settings. Rates are percentages (0.3 = 0.3 %), as Postmark gives them.
 */

/** Worst first: the order the Health page sorts by. 'no-data': no server yet, or never fetched. */
export const HEALTH_VERDICTS = ['in-trouble', 'degrading', 'quiet', 'no-data', 'ok'] as const;
export const healthVerdictSchema = z.enum(HEALTH_VERDICTS);
export type HealthVerdict = z.infer<typeof healthVerdictSchema>;

export const healthReasonSchema = z.object({
  /** Stable code, e.g. 'complaints.over-limit', 'bounces.over-limit', 'quiet'. */
  code: z.string(),
  level: z.enum(['fail', 'warn', 'info']),
  text: z.string(),
  fix: z.string(),
});
export type HealthReason = z.infer<typeof healthReasonSchema>;

export const trendSchema = z.enum(['up', 'down', 'flat']).nullable();
export type Trend = z.infer<typeof trendSchema>;

/** The thresholds in force, each with where its default comes from (shown in Settings and on the Health page). */
export const healthThresholdsSchema = z.object({
  bounceRateMax: z.number(),
  complaintRateMax: z.number(),
  complaintRateAim: z.number(),
  quietDays: z.number(),
  /** Below this many sent in 7 days, rates are shown but not judged (a handful of mails makes any rate noisy). */
  minVolume: z.number(),
});
export type HealthThresholds = z.infer<typeof healthThresholdsSchema>;

export const healthDaySchema = z.object({
  day: z.string(),
  sent: z.number(),
  bounced: z.number(),
  hard: z.number(),
  soft: z.number(),
  transient: z.number(),
  smtpErrors: z.number(),
  complaints: z.number(),
});
export type HealthDay = z.infer<typeof healthDaySchema>;

export const healthWindowSchema = z.object({
  sent: z.number(),
  bounced: z.number(),
  complaints: z.number(),
  /** Percent, null when nothing was sent. */
  bounceRate: z.number().nullable(),
  complaintRate: z.number().nullable(),
});
export type HealthWindow = z.infer<typeof healthWindowSchema>;

export const healthFetchStateSchema = z.object({
  /** When stats were last fetched successfully (ISO), null = never. */
  fetchedAt: z.string().nullable(),
  /** The last attempt failed: what Postmark or the network said (the cache is still shown). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const healthRowSchema = z.object({
  tenantId: z.string(),
  name: z.string(),
  domain: z.string(),
  status: tenantStatusSchema,
  option: sendingOptionSchema.nullable(),
  serverName: z.string().nullable(),
  verdict: healthVerdictSchema,
  reasons: z.array(healthReasonSchema),
  last7: healthWindowSchema,
  last30: healthWindowSchema,
  bounceTrend: trendSchema,
  complaintTrend: trendSchema,
  /** The latest DNS check of the tenant (null: never checked). */
  dns: z.enum(['ok', 'warning', 'failing', 'error']).nullable(),
  /** DMARC aggregate reports over 30 days: percent of messages passing (null: no reports for the domain). */
  dmarcPassRate: z.number().nullable(),
  lastSentDay: z.string().nullable(),
  fetch: healthFetchStateSchema,
});
export type HealthRow = z.infer<typeof healthRowSchema>;

/** The Health page asks for one verdict (or all) and the worst `limit` rows of it; the counts cover every tenant. */
export const healthOverviewInputSchema = z.object({
  verdict: z.union([healthVerdictSchema, z.literal('all')]).optional(),
  limit: z.number().int().min(1).max(5_000).optional(),
});
export type HealthOverviewInput = z.infer<typeof healthOverviewInputSchema>;

export const healthOverviewSchema = z.object({
  /** Worst first; at most `limit` of them when one was asked for. */
  rows: z.array(healthRowSchema),
  /** Rows of the asked verdict before the limit. */
  total: z.number().int().nonnegative(),
  /** Tenants of each verdict, all of them. */
  counts: z.record(healthVerdictSchema, z.number().int().nonnegative()),
  thresholds: healthThresholdsSchema,
  /** The oldest successful fetch among the rows (how stale the page is at worst), null when none. */
  oldestFetchAt: z.string().nullable(),
});
export type HealthOverview = z.infer<typeof healthOverviewSchema>;

export const bounceTypeCountSchema = z.object({ type: z.string(), name: z.string(), count: z.number() });
export const recentBounceSchema = z.object({
  id: z.number(),
  type: z.string(),
  email: z.string(),
  at: z.string(),
  description: z.string(),
  details: z.string(),
  inactive: z.boolean(),
});
export type RecentBounce = z.infer<typeof recentBounceSchema>;

export const tenantHealthSchema = healthRowSchema.extend({
  /** The last 30 days, oldest first, one entry per day (days without mail are zeros). */
  days: z.array(healthDaySchema),
  bouncesByType: z.array(bounceTypeCountSchema),
  inactiveAddresses: z.number().nullable(),
  /** Latest hard bounces and spam complaints, newest first. */
  recent: z.array(recentBounceSchema),
  thresholds: healthThresholdsSchema,
});
export type TenantHealth = z.infer<typeof tenantHealthSchema>;

export const healthRefreshInputSchema = z.object({ id: z.string().min(1).max(100).optional() }).default({});
export const healthRefreshResultSchema = z.object({
  refreshed: z.number(),
  skipped: z.number(),
  failed: z.array(z.object({ tenantId: z.string(), name: z.string(), code: z.string(), message: z.string() })),
});
export type HealthRefreshResult = z.infer<typeof healthRefreshResultSchema>;

/** A refresh-all task: its state and, once it ended, what it did (a cancelled run lists the tenants done so far). */
export const healthRefreshTaskResultSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number(),
  total: z.number(),
  result: healthRefreshResultSchema.nullable(),
});
export type HealthRefreshTaskResult = z.infer<typeof healthRefreshTaskResultSchema>;

/** Where each default threshold comes from, for Settings, the Health page and docs/health.md. */
export const HEALTH_THRESHOLD_SOURCES = {
  complaintRateMax: 'Gmail and Yahoo bulk-sender rules (2024): keep the spam rate under 0.3 %.',
  complaintRateAim: 'Gmail bulk-sender guidance: aim under 0.1 %.',
  bounceRateMax: 'Postmark’s guidance: around 10 % bounces invites a review of the account (assumed as a round figure).',
  quietDays: 'Behalf’s own default (assumed): a live customer sending nothing for a week is worth a look.',
  minVolume: 'Behalf’s own default (assumed): rates over fewer than 100 mails a week are too noisy to judge.',
} as const;
