import { z } from 'zod';
import { auditEntrySchema, tenantDraftSchema, tenantPatchSchema, tenantSchema, tenantStatusSchema } from './tenants';

export const TENANT_SORT_KEYS = ['name', 'domain', 'option', 'status', 'updatedAt', 'createdAt'] as const;

export const tenantListQuerySchema = z.object({
  search: z.string().max(200).default(''),
  options: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal('undecided')])).default([]),
  statuses: z.array(tenantStatusSchema).default([]),
  tags: z.array(z.string().max(40)).max(20).default([]),
  includeArchived: z.boolean().default(false),
  sort: z.enum(TENANT_SORT_KEYS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TenantListQuery = z.input<typeof tenantListQuerySchema>;

export const tenantPageSchema = z.object({ total: z.number(), offset: z.number(), rows: z.array(tenantSchema) });
export type TenantPage = z.infer<typeof tenantPageSchema>;

/** What the tenants table shows beside each row: the latest DNS check and the Postmark work still open. */
export const tenantRowStateSchema = z.object({
  lastCheck: z.object({ status: z.enum(['ok', 'warning', 'failing', 'error']), checkedAt: z.string(), driftCount: z.number() }).nullable(),
  pendingJobs: z.number(),
  attentionJobs: z.number(),
  /** Team mode (issue #19): the operator of the tenant's latest change that names one; null in single-user mode. */
  changedBy: z.string().nullable(),
});
export type TenantRowState = z.infer<typeof tenantRowStateSchema>;
export const tenantListPageSchema = tenantPageSchema.extend({ states: z.record(z.string(), tenantRowStateSchema) });
export type TenantListPage = z.infer<typeof tenantListPageSchema>;

export const tenantIdSchema = z.object({ id: z.string().min(1).max(100) });
export const tenantUpdateSchema = z.object({ id: z.string().min(1).max(100), patch: tenantPatchSchema });
export const tenantCreateSchema = tenantDraftSchema;

/**
 * How a typed domain will be read before it is saved (issue #22): stored form, shown form, a suggestion the
 * operator may accept ("did you mean acme.com?") and look-alike warnings from main's confusable data.
 */
export const domainReadInputSchema = z.object({ domain: z.string().max(2000) });
export const domainReadSchema = z.object({
  ok: z.boolean(),
  domain: z.string(),
  unicode: z.string(),
  message: z.string().optional(),
  suggestion: z.string().optional(),
  flags: z.array(z.object({ kind: z.enum(['www', 'mixed-script', 'confusable']), message: z.string(), suggestion: z.string().optional() })),
});
export type DomainRead = z.infer<typeof domainReadSchema>;

/**
 * A tenants import: the file's raw bytes in base64 (the console's picker, so main detects the encoding the same
 * way for every door), text already decoded (`csv`), or a block pasted into the Add tenant dialog (`source: 'paste'`,
 * where a header row is optional).
 */
export const csvImportSchema = z
  .object({
    csv: z
      .string()
      .max(50 * 1024 * 1024, 'CSV files over 50 MB are not supported: split the file.')
      .optional(),
    base64: z
      .string()
      .max(Math.ceil((50 * 1024 * 1024) / 3) * 4, 'CSV files over 50 MB are not supported: split the file.')
      .optional(),
    fileName: z.string().max(500).default(''),
    source: z.enum(['file', 'paste']).default('file'),
    dryRun: z.boolean().default(false),
  })
  .refine((v) => (v.csv === undefined) !== (v.base64 === undefined), { message: 'Send the file as text (csv) or as bytes (base64), one of the two.' });
export const csvRowErrorSchema = z.object({ row: z.number(), field: z.string().optional(), message: z.string() });
/** One row as it will be stored, for the preview table: the domain as stored (A-label) and as read (U-label). */
export const csvPreviewRowSchema = z.object({ line: z.number(), name: z.string(), domain: z.string(), unicode: z.string(), contactEmail: z.string() });
export const csvImportResultSchema = z.object({
  rows: z.number(),
  imported: z.number(),
  errors: z.array(csvRowErrorSchema),
  dryRun: z.boolean(),
  /** What was detected, in words: "UTF-16 LE (Excel "Unicode text"), tab-separated, header row". */
  detected: z.object({ encoding: z.string(), delimiter: z.string(), header: z.boolean() }).optional(),
  /** Things to read before importing (never reasons to refuse): an encoding guess, folded line breaks, www., look-alikes. */
  notes: z.array(csvRowErrorSchema).default([]),
  preview: z.array(csvPreviewRowSchema).default([]),
});
export type CsvImportResult = z.infer<typeof csvImportResultSchema>;

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) });
export const tagListSchema = z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number() })) });
