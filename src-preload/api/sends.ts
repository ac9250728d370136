import { z } from 'zod';
import { emailSchema } from './tenants';

/** Seed inboxes: addresses staff send test mail to (Gmail, Outlook, Yahoo, iCloud, the customer's own…). */
export const seedProviderSchema = z.string().trim().max(40, 'Keep the provider label under 40 characters.');
export const seedSchema = z.object({
  id: z.number(),
  address: z.string(),
  provider: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Seed = z.infer<typeof seedSchema>;

export const seedDraftSchema = z.object({
  address: emailSchema,
  provider: seedProviderSchema.default(''),
  active: z.boolean().default(true),
});
export type SeedDraft = z.input<typeof seedDraftSchema>;
export const seedIdSchema = z.object({ id: z.number().int().positive() });
export const seedUpdateSchema = z.object({
  id: z.number().int().positive(),
  patch: z.object({ provider: seedProviderSchema.optional(), active: z.boolean().optional() }),
});
/** A seed's IMAP mailbox, read after a test send for placement and authentication. The password never crosses a door. */
export const seedMailboxSchema = z.object({
  seedId: z.number(),
  host: z.string(),
  port: z.number(),
  tls: z.boolean(),
  user: z.string(),
  /** As configured; '' = the IMAP host. */
  authservId: z.string(),
  /** The authserv-id actually trusted (the configured one, else the host). */
  trustedAuthservId: z.string(),
  configured: z.boolean(),
  hasPassword: z.boolean(),
  passwordStorage: z.string(),
});
export type SeedMailbox = z.infer<typeof seedMailboxSchema>;
export const seedMailboxSaveSchema = z.object({
  id: z.number().int().positive(),
  /** '' removes the mailbox (and forgets its password). */
  host: z
    .string()
    .trim()
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]*$/, 'Use a host name or IP address, like imap.gmail.com.')
    .optional(),
  port: z.number().int().min(1, 'Ports are 1 to 65535.').max(65535, 'Ports are 1 to 65535.').optional(),
  tls: z.boolean().optional(),
  user: z.string().trim().max(254).optional(),
  /** The Authentication-Results authserv-id to trust ('' = the IMAP host; 'none' = headers without one, Microsoft's). */
  authservId: z
    .string()
    .trim()
    .max(253)
    .regex(/^[A-Za-z0-9._-]*$/, 'An authserv-id is a host name, like mx.google.com.')
    .optional(),
  password: z.string().min(1).max(1000).optional(),
  forgetPassword: z.boolean().optional(),
});
export type SeedMailboxSave = z.infer<typeof seedMailboxSaveSchema>;

export const seedListSchema = z.object({ seeds: z.array(seedSchema) });
/** Seed inboxes from a file: its bytes in base64 (so main detects the encoding, issue #22) or text already decoded. */
export const seedImportSchema = z
  .object({
    csv: z
      .string()
      .max(5 * 1024 * 1024, 'Seed CSV files over 5 MB are not supported.')
      .optional(),
    base64: z
      .string()
      .max(Math.ceil((5 * 1024 * 1024) / 3) * 4, 'Seed CSV files over 5 MB are not supported.')
      .optional(),
    fileName: z.string().max(500).default(''),
    dryRun: z.boolean().default(false),
  })
  .refine((v) => (v.csv === undefined) !== (v.base64 === undefined), { message: 'Send the file as text (csv) or as bytes (base64), one of the two.' });
export const seedImportResultSchema = z.object({
  rows: z.number(),
  added: z.number(),
  updated: z.number(),
  errors: z.array(z.object({ row: z.number(), field: z.string().optional(), message: z.string() })),
  dryRun: z.boolean(),
  /** The encoding and separator read, and a warning when the encoding was a guess (Windows-1252). */
  detected: z.object({ encoding: z.string(), delimiter: z.string(), warning: z.string().optional() }).optional(),
});
export type SeedImportResult = z.infer<typeof seedImportResultSchema>;
export const seedExportSchema = z.object({ csv: z.string(), rows: z.number() });

/** Placeholders a subject or body may use; anything else in {{…}} is refused before sending. */
export const SEND_PLACEHOLDERS = ['tenant.name', 'tenant.domain', 'seed.provider', 'seed.address', 'date'] as const;

const templateText = (max: number) => z.string().max(max);
export const composeInputSchema = z.object({ tenantId: z.string().min(1).max(100) });

/** Why a tenant cannot send right now, and what to do about it. */
export const sendBlockSchema = z.object({ code: z.string(), reason: z.string(), fix: z.string() });

export const composeSchema = z.object({
  tenantId: z.string(),
  option: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  ready: z.boolean(),
  /** The From header that will be used (when ready). */
  from: z.string().nullable(),
  replyTo: z.string().nullable(),
  serverName: z.string().nullable(),
  block: sendBlockSchema.nullable(),
  /**
   * The tenant has no usable From address, so Behalf falls back to this one (no-reply@<domain>): shown flagged,
   * with a way to the tenant's edit form.
   */
  fromFallback: z.object({ address: z.string(), reason: z.string() }).nullable().default(null),
  defaults: z.object({ subject: z.string(), body: z.string() }),
  placeholders: z.array(z.string()),
  queued: z.number(),
  /**
   * A test send was refused with ErrorCode 412 (Postmark account pending approval) and nothing since shows
   * otherwise: until approval, Postmark only delivers to addresses at the account's own domains.
   */
  pendingApproval: z.object({ at: z.string(), address: z.string() }).nullable().default(null),
});
export type Compose = z.infer<typeof composeSchema>;

export const previewInputSchema = z.object({
  tenantId: z.string().min(1).max(100),
  subject: templateText(2000),
  body: templateText(100_000),
  seed: z.string().max(254).optional(),
});
export const previewSchema = z.object({
  subject: z.string(),
  body: z.string(),
  errors: z.array(z.string()),
});

export const sendInputSchema = z.object({
  tenantId: z.string().min(1).max(100),
  /** Seed addresses; empty = every active seed. */
  seeds: z.array(z.string().max(254)).max(500).default([]),
  subject: templateText(2000).optional(),
  body: templateText(100_000).optional(),
});
export type SendInput = z.input<typeof sendInputSchema>;

/**
 * What the receiving server said about one test message in its Authentication-Results header (RFC 8601), as
 * Behalf read it from the seed's mailbox. Only the header whose authserv-id is the one trusted for that mailbox
 * counts. Results are the receiver's words, lower-case (pass, fail, softfail, neutral, none, temperror, permerror…).
 */
export const receivedAuthSchema = z.object({
  authservId: z.string(),
  spf: z.object({ result: z.string(), domain: z.string() }).nullable(),
  dkim: z.array(z.object({ result: z.string(), domain: z.string(), selector: z.string() })),
  dmarc: z.object({ result: z.string(), from: z.string() }).nullable(),
  /** The From domain the alignment was judged against (DMARC's header.from, else the message's From). */
  fromDomain: z.string(),
  /** A passing DKIM signature whose d= is the From's organizational domain (DMARC relaxed alignment); null: no From. */
  dkimAligned: z.boolean().nullable(),
});
export type ReceivedAuth = z.infer<typeof receivedAuthSchema>;

export const RECIPIENT_STATES = ['queued', 'sent', 'inactive', 'failed', 'cancelled'] as const;
export const sendRecipientSchema = z.object({
  address: z.string(),
  provider: z.string(),
  state: z.enum(RECIPIENT_STATES),
  messageId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  errorCode: z.number().nullable(),
  message: z.string(),
  hint: z.string(),
  inactive: z.boolean(),
  eventType: z.string().nullable(),
  eventAt: z.string().nullable(),
  eventDetail: z.string(),
  /** The receiving server of the latest Delivered/Transient event (e.g. mx.gmail.com), '' when none. */
  eventServer: z.string().default(''),
  /** Where a person found the message in the seed inbox; null = nobody has looked yet. */
  placement: z.enum(['inbox', 'spam', 'missing']).nullable().default(null),
  placementAt: z.string().nullable().default(null),
  /** auto: read from the seed's mailbox; manual: a person recorded it. */
  placementSource: z.enum(['auto', 'manual']).nullable().default(null),
  /** The seed has an IMAP mailbox Behalf reads (so placement and authentication come by themselves). */
  hasMailbox: z.boolean().default(false),
  /** The folder the message was found in ('' = not found or not looked yet). */
  foundFolder: z.string().default(''),
  mailboxCheckedAt: z.string().nullable().default(null),
  /** Why the last mailbox read failed ('' = it did not), e.g. a wrong password. */
  mailboxError: z.string().default(''),
  auth: receivedAuthSchema.nullable().default(null),
});
export type SendRecipient = z.infer<typeof sendRecipientSchema>;

export const SEND_STATES = ['queued', 'sent', 'partial', 'failed', 'cancelled'] as const;
export const sendViewSchema = z.object({
  id: z.number(),
  tenantId: z.string(),
  option: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  from: z.string(),
  subject: z.string(),
  state: z.enum(SEND_STATES),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  eventsAt: z.string().nullable(),
  queue: z
    .object({
      state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
      attempts: z.number(),
      nextAttemptAt: z.string().nullable(),
      lastError: z.object({ code: z.string(), message: z.string(), hint: z.string() }).nullable(),
      /**
       * An answer from Postmark was lost: Behalf is confirming whether the messages arrived (its search lags)
       * before any re-send. Seeds still queued show "confirming with Postmark".
       */
      confirming: z.object({ since: z.string(), misses: z.number(), nextCheckAt: z.string().nullable() }).nullable().default(null),
    })
    .nullable(),
  recipients: z.array(sendRecipientSchema),
});
export type SendView = z.infer<typeof sendViewSchema>;

export const historyInputSchema = z.object({
  tenantId: z.string().min(1).max(100),
  limit: z.number().int().min(1).max(200).default(20),
});
export const sendHistorySchema = z.object({ sends: z.array(sendViewSchema) });
export const refreshInputSchema = z.object({ tenantId: z.string().min(1).max(100), sendId: z.number().int().positive().optional() });
/** `notIndexed`: fresh messages Postmark has not indexed yet (its search lags); ask again in a minute. */
export const refreshResultSchema = z.object({ checked: z.number(), updated: z.number(), notIndexed: z.number().default(0), errors: z.array(z.string()) });
export const PLACEMENTS = ['inbox', 'spam', 'missing'] as const;
export type Placement = (typeof PLACEMENTS)[number];
/** Staff record where one seed's copy of a send landed (Postmark cannot know inbox vs spam). */
export const markInputSchema = z.object({
  sendId: z.number().int().positive(),
  seed: z.string().min(1).max(254),
  /** null clears a mark made by mistake. */
  placement: z.enum(PLACEMENTS).nullable(),
});
export const sendIdSchema = z.object({ sendId: z.number().int().positive() });
export const retryResultSchema = z.object({ ran: z.number(), sent: z.number(), stillQueued: z.number(), failed: z.number() });
