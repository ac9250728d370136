import { z } from 'zod';
import { jobSchema } from './postmark';
import { sendingOptionSchema, tenantSchema, tenantStatusSchema } from './tenants';

/** The options advisor (issue #5): comparison, recommendation, switch plan, display-name lint. */

const lines = z.array(z.string());

export const optionsIdSchema = z.object({ id: z.string().min(1) });
/**
 * `apply`: carry the switch out in Postmark (outbox jobs now, removals that must wait parked until the new way
 * works). `displayName`: option 3's name the customer signs with (saved as the tenant's From name, linted first).
 */
export const optionsChooseSchema = z.object({
  id: z.string().min(1),
  option: sendingOptionSchema,
  apply: z.boolean().default(false),
  displayName: z.string().max(200, 'Keep the display name under 200 characters.').optional(),
});
export const optionsPlanSwitchSchema = z.object({ id: z.string().min(1), to: sendingOptionSchema });
export const DISPLAY_NAME_PRESETS = ['via', 'for', 'custom'] as const;
export const displayNamePresetSchema = z.enum(DISPLAY_NAME_PRESETS);
export type DisplayNamePresetName = z.infer<typeof displayNamePresetSchema>;
/** `name` is the custom text; with preset 'via' or 'for' the name is built from the tenant and vendor instead. */
export const optionsLintSchema = z.object({
  id: z.string().min(1),
  name: z.string().max(1000, 'Keep the display name under 1,000 characters.').default(''),
  preset: displayNamePresetSchema.default('custom'),
});

const fromPreviewSchema = z.object({
  displayName: z.string(),
  address: z.string(),
  header: z.string(),
  gmail: z.string(),
  gmailVia: z.string().nullable(),
  outlook: z.string(),
  outlookOnBehalfOf: z.string().nullable(),
  addressIsExample: z.boolean(),
});

const assessmentSchema = z.object({
  option: sendingOptionSchema,
  offered: z.boolean(),
  status: z.enum(['ok', 'risky', 'unsafe', 'impossible']),
  why: lines,
  warnings: lines,
});

export const optionComparisonSchema = z.object({
  option: sendingOptionSchema,
  title: z.string(),
  offered: z.boolean(),
  current: z.boolean(),
  effort: z.object({ customerLevel: z.enum(['none', 'low', 'medium']), customer: lines, vendor: lines }),
  branding: z.object({ preview: fromPreviewSchema, customerVisible: z.enum(['name-and-address', 'name-only']), summary: z.string() }),
  deliverability: z.object({
    reputation: z.enum(['own', 'shared']),
    reputationDomain: z.string(),
    reputationText: z.string(),
    dmarcDomain: z.string(),
    dmarc: z.enum(['pass', 'fails-unaligned', 'will-be-rejected', 'unknown']),
    disposition: z.enum(['inbox', 'spam', 'rejected', 'unknown']),
    dmarcDetail: z.string(),
  }),
  prerequisites: z.array(z.object({ id: z.string(), label: z.string(), state: z.enum(['met', 'unmet', 'unknown']), detail: z.string() })),
  assessment: assessmentSchema,
  /** The headline, worded by verdicts.ts (the UI shows it, never words of its own). */
  verdict: z.object({ tone: z.enum(['ok', 'pending', 'warning', 'failing', 'error', 'unknown', 'info']), word: z.string() }),
});
export type OptionComparisonView = z.infer<typeof optionComparisonSchema>;

export const recommendationSchema = z.object({
  option: sendingOptionSchema.nullable(),
  reasons: lines,
  warnings: lines,
});
export type RecommendationView = z.infer<typeof recommendationSchema>;

export const optionsCompareResultSchema = z.object({
  tenantId: z.string(),
  current: sendingOptionSchema.nullable(),
  offered: z.array(sendingOptionSchema),
  options: z.array(optionComparisonSchema),
  recommendation: recommendationSchema,
  /** The DNS check the DMARC facts came from; null = not checked yet (or the check could not tell). */
  dmarcCheck: z
    .object({
      domain: z.string(),
      checkedAt: z.string(),
      verdict: z.enum(['will-fail', 'delivers-unaligned']),
      policy: z.enum(['none', 'quarantine', 'reject']).nullable(),
      reason: z.string(),
    })
    .nullable(),
});
export type OptionsCompareResult = z.infer<typeof optionsCompareResultSchema>;

const removableKindSchema = z.enum(['domain', 'sender']);
const deferConditionSchema = z.enum(['after-domain-verified', 'after-signature-confirmed']);

/** A Postmark removal a switch parked until the new way of sending works (or what became of it). */
export const deferredRemovalSchema = z.object({
  id: z.number(),
  fromOption: sendingOptionSchema.nullable(),
  toOption: sendingOptionSchema,
  kind: removableKindSchema,
  postmarkId: z.number(),
  label: z.string(),
  condition: deferConditionSchema,
  state: z.enum(['waiting', 'enqueued', 'cancelled']),
  jobId: z.number().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export type DeferredRemovalView = z.infer<typeof deferredRemovalSchema>;
export const deferredRemovalsSchema = z.object({ pending: z.array(deferredRemovalSchema), history: z.array(deferredRemovalSchema) });

/** What the switch did in Postmark; null when only the choice was recorded. */
export const appliedSwitchSchema = z.object({
  queued: z.array(jobSchema),
  deferred: z.array(deferredRemovalSchema),
  cancelled: z.array(deferredRemovalSchema),
  unresolved: z.array(z.string()),
});
export type AppliedSwitchView = z.infer<typeof appliedSwitchSchema>;

export const optionsChooseResultSchema = z.object({
  tenant: tenantSchema,
  recommended: sendingOptionSchema.nullable(),
  followedRecommendation: z.boolean(),
  applied: appliedSwitchSchema.nullable(),
});

export const switchPlanSchema = z.object({
  from: sendingOptionSchema.nullable(),
  to: sendingOptionSchema,
  remove: z.array(
    z.object({
      kind: z.enum(['domain', 'sender', 'server']),
      id: z.union([z.number(), z.string()]).nullable(),
      label: z.string(),
      why: z.string(),
      when: z.enum(['now', 'after-domain-verified', 'after-signature-confirmed', 'after-from-switched']),
    }),
  ),
  keep: z.array(z.object({ kind: z.enum(['domain', 'sender', 'server', 'dns-record']), label: z.string(), why: z.string() })),
  create: z.array(z.object({ kind: z.enum(['domain', 'sender', 'server']), label: z.string(), why: z.string() })),
  dnsRecordsCustomerMayDelete: z.array(z.object({ type: z.enum(['TXT', 'CNAME']), host: z.string(), why: z.string() })),
  dnsRecordsCustomerMustAdd: z.array(z.object({ type: z.enum(['TXT', 'CNAME']), host: z.string(), value: z.string().nullable(), why: z.string() })),
  warnings: lines,
  newStatus: tenantStatusSchema,
  /** What applying does right now; `applies` false = the tenant has nothing in Postmark, only the choice is recorded. */
  actions: z
    .object({
      applies: z.boolean(),
      create: z.array(z.enum(['server', 'domain', 'sender'])),
      removeNow: z.array(z.object({ kind: removableKindSchema, postmarkId: z.number(), label: z.string() })),
      defer: z.array(z.object({ kind: removableKindSchema, postmarkId: z.number(), label: z.string(), condition: deferConditionSchema })),
      cancelWaiting: z.array(z.object({ id: z.number(), kind: removableKindSchema, postmarkId: z.number(), label: z.string() })),
      releaseWaiting: z.array(z.object({ id: z.number(), kind: removableKindSchema, postmarkId: z.number(), label: z.string() })),
      unresolved: lines,
      queueNow: z.number(),
    })
    .nullable(),
});
export type SwitchPlanView = z.infer<typeof switchPlanSchema>;

export const lintResultSchema = z.object({
  issues: z.array(z.object({ code: z.string(), severity: z.enum(['block', 'warn']), message: z.string(), fix: z.string() })),
  blocking: z.boolean(),
  from: z.object({ displayName: z.string(), address: z.string(), header: z.string(), replyTo: z.string().nullable() }),
});
export type LintResultView = z.infer<typeof lintResultSchema>;
