import { z } from 'zod';

/**
 * DNS instruction sheets over the contract. The Sheet schema mirrors src-main/sheets/types.ts field for field:
 * dispatch strips undeclared fields, so anything the preview shows must be declared here.
 */

/** Single source of the provider and format vocabularies (src-main/sheets/types.ts re-exports them). */
export const PROVIDER_IDS = ['godaddy', 'cloudflare', 'route53', 'namecheap', 'google-cloud-dns', 'azure-dns', 'squarespace', 'generic'] as const;
export const SHEET_FORMATS = ['pdf', 'html', 'md', 'csv', 'zone'] as const;
export const PAPERS = ['a4', 'letter'] as const;

export const providerIdSchema = z.enum(PROVIDER_IDS, { error: `The DNS provider is one of: ${PROVIDER_IDS.join(', ')}.` });
export const sheetFormatSchema = z.enum(SHEET_FORMATS, { error: `The format is one of: ${SHEET_FORMATS.join(', ')}.` });
export const paperSchema = z.enum(PAPERS, { error: 'The paper is a4 or letter.' });

const tone = z.enum(['ok', 'pending', 'warning', 'failing', 'error', 'unknown']);

export const sheetRecordSchema = z.object({
  n: z.number(),
  kind: z.enum(['dkim', 'returnPath', 'dmarc', 'dmarcReportAuth']),
  label: z.string(),
  purpose: z.string(),
  type: z.enum(['TXT', 'CNAME']),
  zone: z.string(),
  inTenantZone: z.boolean(),
  host: z.string(),
  fqdn: z.string(),
  enterHost: z.string(),
  value: z.string(),
  enterValue: z.string(),
  ttl: z.number(),
  required: z.boolean(),
  status: z.object({ tone, label: z.string(), detail: z.string().optional(), observed: z.string().optional() }),
});

const stepFieldSchema = z.object({ label: z.string(), value: z.string(), literal: z.boolean() });

export const sheetSchema = z.object({
  version: z.literal(1),
  title: z.string(),
  vendorName: z.string(),
  tenant: z.object({ name: z.string(), domain: z.string(), contactName: z.string() }),
  option: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  optionLabel: z.string(),
  zone: z.string(),
  provider: z.object({ id: providerIdSchema, name: z.string() }),
  generatedAt: z.string(),
  generatedLabel: z.string(),
  intro: z.array(z.string()),
  records: z.array(sheetRecordSchema),
  steps: z.array(z.object({ text: z.string(), fields: z.array(stepFieldSchema), after: z.string().optional() })),
  verify: z.object({
    intro: z.string(),
    checks: z.array(z.object({ record: z.number(), fqdn: z.string(), dig: z.string(), nslookup: z.string(), expect: z.string() })),
    weConfirm: z.string(),
  }),
  doNot: z.array(z.string()),
  undo: z.object({ intro: z.string(), items: z.array(z.string()) }),
  notes: z.array(z.string()),
});
export type SheetShape = z.infer<typeof sheetSchema>;

const tenantRef = z.string().min(1).max(100);

export const sheetPreviewInputSchema = z.object({ id: tenantRef, provider: providerIdSchema.optional() });

export const sheetPreviewSchema = z.object({
  sheet: sheetSchema,
  /** given: the caller chose it; detected: from the zone's NS records; fallback: detection failed → generic. */
  providerSource: z.enum(['given', 'detected', 'fallback']),
  /** What NS detection found (absent when the provider was given). */
  detectedProvider: providerIdSchema.optional(),
  providers: z.array(z.object({ id: providerIdSchema, name: z.string() })),
});
export type SheetPreview = z.infer<typeof sheetPreviewSchema>;

export const sheetExportInputSchema = z.object({
  id: tenantRef,
  format: sheetFormatSchema,
  provider: providerIdSchema.optional(),
  paper: paperSchema.optional(),
});

/** The browser host serves the file once at /download/<downloadId> (Electron's save dialog is not built yet). */
export const sheetDownloadSchema = z.object({ fileName: z.string(), downloadId: z.string() });

export const sheetExportAllInputSchema = z.object({ format: sheetFormatSchema, paper: paperSchema.optional() });

export const sheetExportResultSchema = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  message: z.string().optional(),
  /** Set once the zip is ready. */
  download: sheetDownloadSchema.optional(),
  /** File names inside the zip. */
  entries: z.array(z.string()).default([]),
  /** Tenants awaiting DNS that got no sheet, with the reason (e.g. domain not provisioned in Postmark yet). */
  skipped: z.array(z.object({ tenant: z.string(), reason: z.string() })).default([]),
});
export type SheetExportResult = z.infer<typeof sheetExportResultSchema>;

/** Email the sheet (HTML body + PDF attached) through the vendor's own Postmark server to a teammate. */
export const sheetSendInputSchema = z.object({
  id: tenantRef,
  to: z.string().trim().min(1, "Enter the teammate's email address.").max(254),
  note: z.string().max(2000, 'Keep the note under 2,000 characters.').optional(),
  provider: providerIdSchema.optional(),
  paper: paperSchema.optional(),
});
/** No token here, ever: only where it went and Postmark's message ID. */
export const sheetSendResultSchema = z.object({
  to: z.string(),
  from: z.string(),
  serverId: z.number(),
  messageId: z.string(),
  submittedAt: z.string(),
  attachment: z.string(),
});
export type SheetSendResult = z.infer<typeof sheetSendResultSchema>;

/**
 * Desktop app: save a file main prepared (an export or a bulk zip's downloadId) through the system save
 * dialog. The renderer names only the id: main chooses the bytes, the person chooses the place.
 */
export const sheetSaveInputSchema = z.object({ downloadId: z.string().min(1).max(100) });
/** savedTo is null when the person cancelled the dialog. */
export const sheetSavedSchema = z.object({ fileName: z.string(), savedTo: z.string().nullable() });

/** The preflight of "email the sheet": each step ok or failing with its fix, and the account's servers for the picker. */
export const sheetSendCheckSchema = z.object({
  ready: z.boolean(),
  steps: z.array(
    z.object({
      id: z.enum(['vendor', 'token', 'server', 'from']),
      state: z.enum(['ok', 'failing', 'unknown']),
      label: z.string(),
      detail: z.string(),
      hint: z.string().optional(),
    }),
  ),
  servers: z.array(z.object({ id: z.number(), name: z.string() })),
  serverId: z.number().nullable(),
  from: z.string(),
});
export type SheetSendCheck = z.infer<typeof sheetSendCheckSchema>;
