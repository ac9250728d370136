import { z } from 'zod';
import { domainSchema, emailSchema, sendingOptionSchema } from './tenants';

export const POSTMARK_COLORS = ['Purple', 'Blue', 'Turquoise', 'Green', 'Red', 'Yellow', 'Grey', 'Orange'] as const;

/** Non-secret settings. The account token is never part of this: only `hasToken` is ever shown. */
export const settingsSchema = z.object({
  vendorName: z.string().trim().min(1).max(100).default('Vendor'),
  vendorDomain: z.union([z.literal(''), domainSchema]).default(''),
  vendorAddressPattern: z.enum(['shared', 'per-customer', 'per-customer-subdomain']).default('per-customer'),
  vendorSharedAddress: z.string().trim().max(254).default('info'),
  offeredOptions: z.array(sendingOptionSchema).min(1, 'Offer at least one option.').default([1, 2, 3]),
  postmarkEndpoint: z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(s), 'Use a URL like https://api.postmarkapp.com, or leave empty.'),
  serverNamePattern: z.string().trim().min(1).max(100).default('behalf-{slug}'),
  serverColor: z.enum(POSTMARK_COLORS).default('Blue'),
  returnPathLabel: z.string().trim().regex(/^[a-z0-9-]{1,63}$/, 'One DNS label, like pm-bounces.').default('pm-bounces'),
  dnsServers: z
    .array(
      z.string().trim().regex(/^[0-9a-fA-F:.[\]]+(:\d{1,5})?$/, 'Use host:port, like 127.0.0.1:53.')
        // Port 0 aborts Node's DNS resolver (a native assertion): refuse it here, not at the first check.
        .refine((v) => { const port = /^\[.*\]:(\d+)$/.exec(v)?.[1] ?? (v.split(':').length === 2 ? v.split(':')[1] : undefined); return port === undefined || (Number(port) >= 1 && Number(port) <= 65535); }, 'Ports are 1 to 65535.'),
    )
    .default([]),
  dmarcReportMailbox: z.string().trim().max(254).default(''),
  /** The vendor's own Postmark server that emails DNS sheets to customers' teammates (null: not set up). */
  sheetsServerId: z.number().int().positive('A Postmark server ID is a positive number.').nullable().default(null),
  /** From address of those emails: on a domain verified in that server (or a confirmed sender signature). */
  sheetsFromAddress: z.union([z.literal(''), emailSchema]).default(''),
});
export type Settings = z.output<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();

export const appInfoSchema = z.object({
  version: z.string(),
  door: z.enum(['electron', 'browser-host', 'cli']),
  dataDir: z.string(),
  ledgerFile: z.string(),
  hasToken: z.boolean(),
  tokenSource: z.enum(['none', 'environment', 'session', 'encrypted-store']),
  tokenStorage: z.string(),
  postmarkEndpoint: z.string(),
  postmarkSimulated: z.boolean(),
  schemaVersion: z.number(),
  tenantCount: z.number(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const setTokenSchema = z.object({
  token: z
    .string()
    .trim()
    .min(8, 'That does not look like a Postmark account token (Account → API Tokens in Postmark).')
    .max(200)
    .regex(/^[A-Za-z0-9-]+$/, 'A Postmark token has only letters, digits and dashes.'),
});
