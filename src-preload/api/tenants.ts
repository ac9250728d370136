import { z } from 'zod';
import { readAddress, readDomain } from './domain-input';
import { TENANT_STATUSES, type TenantStatus } from './tenant-statuses';
import { DAMAGED_MESSAGE, DAMAGED_TEXT, HIDDEN_CHARS, HIDDEN_MESSAGE } from './text-rules';

/** Which of Postmark's three ways of sending on behalf of a customer; null = not decided yet. */
export const sendingOptionSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'The option is 1 (customer domain), 2 (verified From address) or 3 (custom From name); leave it empty when undecided.',
});
export type SendingOption = z.infer<typeof sendingOptionSchema>;

export { TENANT_STATUSES, type TenantStatus };
export const tenantStatusSchema = z.enum(TENANT_STATUSES);

/** A single-line text field a person reads: tenant name, contact name, From name. */
const lineText = (base: z.ZodString) =>
  base.refine((s) => !HIDDEN_CHARS.test(s), { message: HIDDEN_MESSAGE }).refine((s) => !DAMAGED_TEXT.test(s), { message: DAMAGED_MESSAGE });

/**
 * Lower-cases, trims, strips a trailing dot and a pasted scheme, stores an internationalised name as its A-label
 * (readDomain in domain-input.ts); rejects anything that is still not a hostname.
 */
export const domainSchema = z.string().transform((s, ctx) => {
  const r = readDomain(s);
  if (r.ok) return r.domain;
  ctx.addIssue({ code: 'custom', message: r.message, ...(r.suggestion ? { params: { suggestion: r.suggestion } } : {}) });
  return z.NEVER;
});

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'An email address has at most 254 characters.')
  // RFC 5321 4.5.3.1.1: a local part has at most 64 octets (servers refuse longer ones).
  .refine((s) => new TextEncoder().encode(s.split('@')[0] ?? '').length <= 64, { message: 'The part before @ has at most 64 characters.' })
  .transform((s, ctx) => {
    const r = readAddress(s);
    if (r.ok) return r.address;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

/**
 * "Empty, or valid": a field a person may leave blank. Written as one schema, not a union with '', so a bad value
 * keeps its own message ("did you mean …") instead of zod's generic "Invalid input" for a failed union.
 */
export const orEmpty = <T extends z.ZodType<string, string>>(schema: T) =>
  z.string().transform((raw, ctx): string => {
    if (raw.trim() === '') return '';
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'Tags are 1–40 letters, digits, dot, dash or underscore.');

export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  domain: z.string(),
  fromAddress: z.string(),
  fromName: z.string(),
  option: sendingOptionSchema.nullable(),
  status: tenantStatusSchema,
  tags: z.array(z.string()),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** Each editable field, without defaults (shared by the draft and the patch below). */
const tenantFields = {
  name: lineText(z.string().trim().min(1, 'A tenant needs a name.').max(200, 'Keep the name under 200 characters.')),
  contactName: lineText(z.string().trim().max(200)),
  contactEmail: orEmpty(emailSchema),
  domain: domainSchema,
  fromAddress: orEmpty(emailSchema),
  fromName: lineText(z.string().trim().max(200)),
  option: sendingOptionSchema.nullable(),
  tags: z.array(tagSchema).max(20, 'At most 20 tags.'),
  notes: z.string().max(10_000),
};
const uniqueSorted = (tags: string[]) => [...new Set(tags)].sort();

/** What a person types in the add/edit form or a CSV row. */
export const tenantDraftSchema = z.object({
  name: tenantFields.name,
  contactName: tenantFields.contactName.default(''),
  contactEmail: tenantFields.contactEmail.default(''),
  domain: tenantFields.domain,
  fromAddress: tenantFields.fromAddress.default(''),
  fromName: tenantFields.fromName.default(''),
  option: tenantFields.option.default(null),
  tags: tenantFields.tags.default([]).transform(uniqueSorted),
  notes: tenantFields.notes.default(''),
});
export type TenantDraft = z.input<typeof tenantDraftSchema>;
export type TenantDraftParsed = z.output<typeof tenantDraftSchema>;

/**
 * An edit: only the keys sent. No defaults here — `tenantDraftSchema.partial()` would keep zod's defaults and
 * turn `{ notes }` into `{ notes, option: null, fromAddress: '', tags: [] … }`, wiping fields the edit never
 * touched once the patch has crossed a door (dispatch parses it before the service sees it).
 */
export const tenantPatchSchema = z.object({
  name: tenantFields.name.optional(),
  contactName: tenantFields.contactName.optional(),
  contactEmail: tenantFields.contactEmail.optional(),
  domain: tenantFields.domain.optional(),
  fromAddress: tenantFields.fromAddress.optional(),
  fromName: tenantFields.fromName.optional(),
  option: tenantFields.option.optional(),
  tags: tenantFields.tags.transform(uniqueSorted).optional(),
  notes: tenantFields.notes.optional(),
  status: tenantStatusSchema.optional(),
});
export type TenantPatch = z.input<typeof tenantPatchSchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  tenantId: z.string(),
  at: z.string(),
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  /** Who did it (issue #19): the console's operator; null on rows from before one was set. */
  operatorName: z.string().nullable().optional(),
  operatorEmail: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
