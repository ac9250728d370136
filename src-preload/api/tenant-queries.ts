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
});
export type TenantRowState = z.infer<typeof tenantRowStateSchema>;
export const tenantListPageSchema = tenantPageSchema.extend({ states: z.record(z.string(), tenantRowStateSchema) });
export type TenantListPage = z.infer<typeof tenantListPageSchema>;

export const tenantIdSchema = z.object({ id: z.string().min(1).max(100) });
export const tenantUpdateSchema = z.object({ id: z.string().min(1).max(100), patch: tenantPatchSchema });
export const tenantCreateSchema = tenantDraftSchema;

export const csvImportSchema = z.object({
  csv: z.string().max(50 * 1024 * 1024, 'CSV files over 50 MB are not supported: split the file.'),
  dryRun: z.boolean().default(false),
});
export const csvRowErrorSchema = z.object({ row: z.number(), field: z.string().optional(), message: z.string() });
export const csvImportResultSchema = z.object({
  rows: z.number(),
  imported: z.number(),
  errors: z.array(csvRowErrorSchema),
  dryRun: z.boolean(),
});
export type CsvImportResult = z.infer<typeof csvImportResultSchema>;

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) });
export const tagListSchema = z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number() })) });
