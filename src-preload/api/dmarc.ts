import { z } from 'zod';

/** DMARC: record builder and rollout plan, aggregate report import, and the views over imported reports. */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2025-03-01.');
const policy = z.enum(['none', 'quarantine', 'reject']);
const alignment = z.enum(['r', 's']);
const domain = z.string().trim().min(3).max(253);

/** What a person chooses for the record (main validates the details again). No pct except `legacyPct`. */
export const dmarcRecordChoicesSchema = z.object({
  p: policy,
  sp: policy.optional(),
  np: policy.optional(),
  adkim: alignment.optional(),
  aspf: alignment.optional(),
  rua: z.array(z.string().trim().max(500)).max(10).optional(),
  ruf: z.array(z.string().trim().max(500)).max(10).optional(),
  fo: z.string().max(20).optional(),
  t: z.boolean().optional(),
  legacyPct: z.number().int().min(0).max(100).optional(),
});
export type DmarcRecordChoices = z.infer<typeof dmarcRecordChoicesSchema>;

export const dmarcBuildInputSchema = z.object({ domain, input: dmarcRecordChoicesSchema });

const txtRecord = { name: z.string(), value: z.string(), strings: z.array(z.string()) };
const tenantRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const dmarcPublishedSchema = z.object({
  /** The TXT value at _dmarc.<domain>, null when none is published (or it could not be learnt). */
  record: z.string().nullable(),
  /** Where it came from: the latest DNS check of a tenant on this domain, a live lookup, or nowhere. */
  from: z.enum(['dns-check', 'live', 'none']),
  checkedAt: z.string().nullable(),
  /** A parent domain's record that applies instead (the domain has none of its own). */
  inherited: z.object({ domain: z.string(), record: z.string() }).nullable(),
  /** Why nothing could be learnt (timeout, SERVFAIL…), for the UI to say so instead of "none published". */
  error: z.string().nullable(),
});
export type DmarcPublished = z.infer<typeof dmarcPublishedSchema>;

export const dmarcBuiltSchema = z.object({
  domain: z.string(),
  ...txtRecord,
  authorizations: z.array(z.object({ ...txtRecord, reportDomain: z.string() })),
  warnings: z.array(z.string()),
  published: dmarcPublishedSchema,
  diff: z.object({
    identical: z.boolean(),
    changes: z.array(z.object({ tag: z.string(), kind: z.enum(['added', 'removed', 'changed']), from: z.string().optional(), to: z.string().optional() })),
    publishedIssues: z.array(z.object({ severity: z.enum(['error', 'warning']), code: z.string(), tag: z.string().optional(), message: z.string() })),
  }),
});
export type DmarcBuilt = z.infer<typeof dmarcBuiltSchema>;

export const dmarcPlanInputSchema = z.object({
  domain,
  start: day,
  base: dmarcRecordChoicesSchema.omit({ p: true, t: true }).optional(),
  monitorDays: z.number().int().min(0).max(365).optional(),
  quarantineDays: z.number().int().min(0).max(365).optional(),
  testMode: z.boolean().optional(),
  testDays: z.number().int().min(0).max(365).optional(),
});
export const dmarcPlanSchema = z.object({
  domain: z.string(),
  steps: z.array(z.object({ date: z.string(), p: policy, testMode: z.boolean(), name: z.string(), record: z.string(), note: z.string() })),
});
export type DmarcPlan = z.infer<typeof dmarcPlanSchema>;

/** One upload: the file's name (for messages) and its bytes. The browser host caps a request at 64 MB. */
export const dmarcImportFilesSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(255), base64: z.string() }))
    .min(1)
    .max(500),
});

export const dmarcImportResultSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  files: z.number(),
  imported: z.number(),
  duplicates: z.number(),
  records: z.number(),
  messages: z.number(),
  /** Failure reports (ruf) written. */
  failures: z.number(),
  errors: z.array(z.object({ file: z.string(), code: z.string(), message: z.string(), hint: z.string().optional() })),
  /**
   * Reports imported with something tolerated (issue #14), one entry per report and kind of trouble. `code` is
   * stable (`dmarc.repair.*`, listed in src-main/dmarc/import/repairs.ts); the note is kept with the report.
   */
  repaired: z.array(z.object({ file: z.string(), code: z.string(), message: z.string() })),
  /** A fetch from the rua mailbox: what happened to the messages (absent for file imports). */
  mailbox: z.object({ unseen: z.number(), processed: z.number(), unreadable: z.number(), left: z.number() }).optional(),
});
export type DmarcImportResult = z.infer<typeof dmarcImportResultSchema>;

export const dmarcDomainsSchema = z.object({
  domains: z.array(
    z.object({
      domain: z.string(),
      reports: z.number(),
      messages: z.number(),
      firstDay: z.string(),
      lastDay: z.string(),
      tenant: tenantRef,
    }),
  ),
});
export type DmarcDomainRow = z.infer<typeof dmarcDomainsSchema>['domains'][number];

export const dmarcScopeSchema = z.object({ domain, from: day.optional(), to: day.optional() });
/** The console's "who sends" table: the largest sources; the rest are counted (see `omitted`). */
export const DMARC_SOURCES_SHOWN = 500;
/** The readiness card's table: the sources with the most messages p=reject would refuse. */
export const READINESS_SOURCES_SHOWN = 50;

export const dmarcSourcesInputSchema = dmarcScopeSchema.extend({
  resolvePtr: z.boolean().optional(),
  /** At most this many sources (readiness: the most failing first); counts and totals still cover every source. Default: all. */
  limit: z.number().int().min(1).max(100_000).optional(),
});

const flag = z.enum(['unknown-failing', 'postmark-unaligned']).nullable();

export const dmarcSourcesSchema = z.object({
  domain: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The tenant whose domain this is (or whose domain it is a subdomain of); its Postmark traffic is tagged. */
  tenant: tenantRef,
  messages: z.number(),
  passing: z.number(),
  failing: z.number(),
  /** Sending domains marked legitimate for this domain. */
  legitimate: z.array(z.string()),
  /** Over every source, whatever the limit. */
  counts: z.object({ sources: z.number(), postmark: z.number(), unknownFailing: z.number(), postmarkUnaligned: z.number() }),
  /** The sources past the limit, and the messages they sent (0 and 0 when none were left out). */
  omitted: z.object({ sources: z.number(), messages: z.number() }),
  sources: z.array(
    z.object({
      ip: z.string(),
      ptr: z.string().nullable(),
      count: z.number(),
      spfAligned: z.number(),
      dkimAligned: z.number(),
      dmarcPass: z.number(),
      postmark: z.boolean(),
      /** How Postmark was recognised: reverse DNS, or a passing DKIM signature (d=pm.mtasv.net or the tenant's Postmark key). */
      postmarkBy: z.enum(['ptr', 'dkim']).nullable(),
      /** The legitimate sending domain this source passes SPF or DKIM for. */
      legitimate: z.string().nullable(),
      flag,
      spf: z.array(z.object({ domain: z.string(), result: z.string(), count: z.number() })),
      dkim: z.array(z.object({ domain: z.string(), selector: z.string(), result: z.string(), count: z.number() })),
      /** Failure reports (ruf) about mail from this source in the period. */
      failureReports: z.number(),
    }),
  ),
});
export type DmarcSourcesReport = z.infer<typeof dmarcSourcesSchema>;

export const dmarcReadinessSchema = z.object({
  domain: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  tenant: tenantRef,
  messages: z.number(),
  wouldReject: z.number(),
  failingSources: z.number(),
  postmarkFailing: z.number(),
  unknownSources: z.number(),
  unknownFailing: z.number(),
  legitimateSources: z.number(),
  legitimateFailing: z.number(),
  /** Badge and next step, from src-preload/api/verdicts.ts enforcementVerdict. */
  verdict: z.object({ tone: z.enum(['ok', 'pending', 'warning', 'failing', 'error', 'unknown', 'info']), word: z.string() }),
  nextStep: z.string(),
  summary: z.string(),
  /** The failing sources past the limit, and their failing messages (0 and 0 when none were left out). */
  omitted: z.object({ sources: z.number(), failing: z.number() }),
  sources: z.array(
    z.object({
      ip: z.string(),
      ptr: z.string().nullable(),
      count: z.number(),
      failing: z.number(),
      postmark: z.boolean(),
      legitimate: z.string().nullable(),
      flag,
    }),
  ),
});
export type DmarcReadiness = z.infer<typeof dmarcReadinessSchema>;

/** "Mark as legitimate sender": a sending domain vouched for, per DMARC domain; `legitimate: false` takes it back. */
export const dmarcLegitimateInputSchema = z.object({
  domain,
  sender: z.string().trim().min(1).max(253),
  legitimate: z.boolean(),
});
export const dmarcLegitimateSchema = z.object({ domain: z.string(), legitimate: z.array(z.string()) });

export const dmarcChartsSchema = z.object({
  domain: z.string(),
  dailyVolume: z.array(z.object({ day: z.string(), messages: z.number(), passing: z.number() })),
  sourceVolume: z.object({
    days: z.array(z.string()),
    series: z.array(z.object({ key: z.string(), ptr: z.string().nullable(), postmark: z.boolean(), messages: z.array(z.number()) })),
  }),
});
export type DmarcCharts = z.infer<typeof dmarcChartsSchema>;

/** The rollout options kept with a chosen record (the base tags come from the record's own choices). */
export const dmarcPlanOptionsSchema = dmarcPlanInputSchema.omit({ domain: true, base: true });

/**
 * "Use this record for {tenant}": the choice staff make in the tenant's DMARC tab, which the DNS sheet then lists.
 * `domain` defaults to the tenant's domain; it may be a parent of it within the same zone (the organisational domain).
 */
export const dmarcSaveRecordInputSchema = z.object({
  id: z.string().min(1).max(100),
  domain: domain.optional(),
  input: dmarcRecordChoicesSchema,
  plan: dmarcPlanOptionsSchema.optional(),
});

export const dmarcSavedRecordSchema = z.object({
  tenantId: z.string(),
  domain: z.string(),
  ...txtRecord,
  input: dmarcRecordChoicesSchema,
  authorizations: z.array(z.object({ ...txtRecord, reportDomain: z.string() })),
  plan: dmarcPlanSchema.nullable(),
  chosenAt: z.string(),
  /** Whether the tenant's DNS sheet lists it (only option-1 sheets list DNS records), and why not. */
  inSheet: z.boolean(),
  sheetNote: z.string(),
});
export type DmarcSavedRecord = z.infer<typeof dmarcSavedRecordSchema>;
export const dmarcSavedRecordResultSchema = z.object({ record: dmarcSavedRecordSchema.nullable() });
export const dmarcTenantIdSchema = z.object({ id: z.string().min(1).max(100) });
export const dmarcClearResultSchema = z.object({ cleared: z.boolean() });

/** Postmark DMARC monitoring (the private token stays in main's vault; only whether one is kept is shown). */
export const postmarkDmarcStatusSchema = z.object({ configured: z.boolean(), baseUrl: z.string() });
export const postmarkDmarcConnectInputSchema = z.object({ email: z.string().trim().email().max(254), domain });
export const postmarkDmarcTokenInputSchema = z.object({ token: z.string().trim().min(8).max(200) });
export const postmarkDmarcDnsSchema = z.object({ name: z.string().nullable(), value: z.string() });
export const postmarkDmarcConnectedSchema = z.object({
  record: z.object({ domain: z.string(), email: z.string(), reportingUri: z.string() }),
  dns: postmarkDmarcDnsSchema,
});
export const postmarkDmarcVerifySchema = z.object({ verified: z.boolean() });
export const postmarkDmarcPullInputSchema = z.object({ from: day.optional(), to: day.optional() });
