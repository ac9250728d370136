import { z } from 'zod';
import { domainSchema, sendingOptionSchema, tenantStatusSchema } from './tenants';

/**
 * DNS check shapes as they cross the doors. They mirror src-main/dns/report.ts (CheckReport), drift.ts
 * (DriftItem) and check-store.ts (StoredCheck); every field the UI shows is declared here, since dispatch
 * strips undeclared ones. Codes are plain strings on purpose: new cause/drift codes may be appended in main
 * without breaking an older renderer.
 */
const disposition = z.enum(['none', 'quarantine', 'reject']);

export const recordViewSchema = z.object({
  source: z.enum(['resolver', 'authoritative']),
  server: z.string(),
  cause: z.string(),
  observed: z.string().nullable(),
  ttl: z.number().nullable(),
});

export const recordResultSchema = z.object({
  kind: z.string(),
  name: z.string(),
  requirement: z.enum(['required', 'recommended', 'info']),
  status: z.enum(['ok', 'missing', 'mismatch', 'warning', 'error']),
  cause: z.string(),
  observed: z.string().nullable(),
  expected: z.string().nullable(),
  ttl: z.number().nullable(),
  message: z.string(),
  fix: z.string(),
  views: z.array(recordViewSchema).optional(),
  spf: z.object({ lookups: z.number(), voidLookups: z.number(), includes: z.array(z.string()), capped: z.boolean() }).optional(),
});
export type RecordResultView = z.infer<typeof recordResultSchema>;

export const dmarcPolicySchema = z.object({
  fromDomain: z.string(),
  source: z.string(),
  orgDomain: z.string(),
  record: z.string(),
  p: disposition.nullable(),
  sp: disposition.nullable(),
  np: disposition.nullable(),
  adkim: z.enum(['r', 's']),
  aspf: z.enum(['r', 's']),
  rua: z.array(z.string()),
  pct: z.number().nullable(),
  t: z.enum(['y', 'n']),
  scope: z.enum(['domain', 'subdomain', 'non-existent']),
  applied: disposition,
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const option2VerdictSchema = z.object({ verdict: z.enum(['will-fail', 'delivers-unaligned', 'unknown']), reason: z.string() });

export const checkReportSchema = z.object({
  domain: z.string(),
  checkedAt: z.string(),
  option: sendingOptionSchema.nullable(),
  records: z.array(recordResultSchema),
  dmarc: dmarcPolicySchema.nullable(),
  option2: option2VerdictSchema,
  authoritative: z.object({ zone: z.string().nullable(), servers: z.array(z.string()) }),
});
export type CheckReportView = z.infer<typeof checkReportSchema>;

export const summaryStatusSchema = z.enum(['ok', 'failing', 'warning', 'error']);
export type DnsSummaryStatus = z.infer<typeof summaryStatusSchema>;

export const driftItemSchema = z.object({
  code: z.string(),
  kind: z.string(),
  name: z.string(),
  severity: z.enum(['alert', 'notice']),
  before: z.string().nullable(),
  after: z.string().nullable(),
  message: z.string(),
});
export type DriftItemView = z.infer<typeof driftItemSchema>;

/** One saved check (a dns_checks row). */
export const storedCheckSchema = z.object({
  id: z.number(),
  tenantId: z.string(),
  domain: z.string(),
  checkedAt: z.string(),
  status: summaryStatusSchema,
  report: checkReportSchema,
  drift: z.array(driftItemSchema),
});
export type StoredCheckView = z.infer<typeof storedCheckSchema>;

/** Tenant check: the saved check plus where its expected values came from. */
export const tenantCheckSchema = storedCheckSchema.extend({
  /** False when the tenant has no Postmark domain yet, so option-1 DKIM could not be compared. */
  hasPostmarkDomain: z.boolean(),
});

export const checkDomainInputSchema = z.object({
  domain: domainSchema,
  option: sendingOptionSchema.optional(),
  dkimHost: z.string().trim().max(253).optional(),
  dkimValue: z.string().trim().max(4000).optional(),
  returnPath: z.string().trim().max(253).optional(),
});
export const domainCheckSchema = z.object({ status: summaryStatusSchema, report: checkReportSchema });

export const latestCheckSchema = z.object({ check: storedCheckSchema.nullable() });

export const historyInputSchema = z.object({
  id: z.string().min(1).max(100),
  limit: z.number().int().min(1).max(500).default(50),
  beforeId: z.number().int().optional(),
});
/** History rows without the report body: the list stays small; open one with dns.latest / the row's drift. */
export const historyRowSchema = z.object({
  id: z.number(),
  domain: z.string(),
  checkedAt: z.string(),
  status: summaryStatusSchema,
  option: sendingOptionSchema.nullable(),
  notOk: z.number(),
  causes: z.array(z.string()),
  drift: z.array(driftItemSchema),
});
export type DnsHistoryRow = z.infer<typeof historyRowSchema>;
export const historySchema = z.object({ rows: z.array(historyRowSchema) });

export const bulkStartInputSchema = z.object({
  statuses: z.array(tenantStatusSchema).default([]),
  options: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal('undecided')])).default([]),
  search: z.string().max(200).default(''),
});
export type BulkStartInput = z.input<typeof bulkStartInputSchema>;

const bulkTenantRefSchema = z.object({ tenantId: z.string(), tenantName: z.string(), domain: z.string(), detail: z.string() });
export const bulkGroupSchema = z.object({
  /** A record cause code, or `option2-will-fail` / `failed-to-check` / `ok`. */
  cause: z.string(),
  count: z.number(),
  /** Up to 200 tenants per group, in the order they finished. */
  tenants: z.array(bulkTenantRefSchema),
});
export const bulkDriftSchema = z.object({ tenantId: z.string(), tenantName: z.string(), domain: z.string(), items: z.array(driftItemSchema) });
export const bulkSummarySchema = z.object({
  taskId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number(),
  total: z.number(),
  byStatus: z.object({ ok: z.number(), failing: z.number(), warning: z.number(), error: z.number(), 'failed-to-check': z.number() }),
  groups: z.array(bulkGroupSchema),
  drift: z.array(bulkDriftSchema),
});
export type BulkSummaryView = z.infer<typeof bulkSummarySchema>;
