import { z } from 'zod';

/** Which of Postmark's three ways of sending on behalf of a customer; null = not decided yet. */
export const sendingOptionSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'The option is 1 (customer domain), 2 (verified From address) or 3 (custom From name); leave it empty when undecided.',
});
export type SendingOption = z.infer<typeof sendingOptionSchema>;

export const TENANT_STATUSES = [
  'draft',
  'provisioning',
  'awaiting-dns',
  'awaiting-confirmation',
  'live',
  'suspended',
  'archived',
] as const;
export const tenantStatusSchema = z.enum(TENANT_STATUSES);
export type TenantStatus = z.infer<typeof tenantStatusSchema>;

const DOMAIN_RE = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;
/**
 * Control characters (NUL, CR/LF header injection, terminal escapes), zero-width and text-direction controls:
 * a one-line field that holds them can display differently from what is stored or sent (issue #10).
 * ZWJ/ZWNJ stay allowed: scripts and emoji need them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN_CHARS = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** U+FFFD (bytes that were not valid UTF-8) or a lone surrogate: the text was damaged before it got here. */
const DAMAGED_TEXT = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DAMAGED_MESSAGE = 'This text was not decoded correctly (it holds � or a broken character): type it again, or save the file as UTF-8.';
const EMAIL_RE = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+$/;
const HIDDEN_MESSAGE = 'Remove control, zero-width and text-direction characters: they make the text show differently from what is stored.';
/** A single-line text field a person reads: tenant name, contact name, From name. */
const lineText = (base: z.ZodString) => base.refine((s) => !HIDDEN_CHARS.test(s), { message: HIDDEN_MESSAGE }).refine((s) => !DAMAGED_TEXT.test(s), { message: DAMAGED_MESSAGE });

/** Lower-cases, trims, strips a trailing dot and a pasted scheme; rejects anything that is still not a hostname. */
export const domainSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/\.$/, ''))
  .refine((s) => DOMAIN_RE.test(s), {
    message: 'Enter a domain like acme.com (letters, digits and hyphens; no spaces, no http://).',
  });

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'An email address has at most 254 characters.')
  .refine((s) => EMAIL_RE.test(s) && !HIDDEN_CHARS.test(s) && DOMAIN_RE.test(s.split('@')[1]!.toLowerCase()), {
    message: 'Enter an address like jane@acme.com.',
  })
  // RFC 5321 4.5.3.1.1: a local part has at most 64 octets (servers refuse longer ones).
  .refine((s) => new TextEncoder().encode(s.split('@')[0] ?? '').length <= 64, { message: 'The part before @ has at most 64 characters.' });

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
  contactEmail: z.union([z.literal(''), emailSchema]),
  domain: domainSchema,
  fromAddress: z.union([z.literal(''), emailSchema]),
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
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
