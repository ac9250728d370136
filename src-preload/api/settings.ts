import { z } from 'zod';
import { domainSchema, emailSchema, orEmpty, sendingOptionSchema } from './tenants';

export const POSTMARK_COLORS = ['Purple', 'Blue', 'Turquoise', 'Green', 'Red', 'Yellow', 'Grey', 'Orange'] as const;

export const DEFAULT_VENDOR_NAME = 'Vendor';

/** Non-secret settings. The account token is never part of this: only `hasToken` is ever shown. */
export const settingsSchema = z.object({
  vendorName: z.string().trim().min(1).max(100).default(DEFAULT_VENDOR_NAME),
  vendorDomain: orEmpty(domainSchema).default(''),
  vendorAddressPattern: z.enum(['shared', 'per-customer', 'per-customer-subdomain']).default('per-customer'),
  vendorSharedAddress: z.string().trim().max(254).default('info'),
  offeredOptions: z.array(sendingOptionSchema).min(1, 'Offer at least one option.').default([1, 2, 3]),
  /**
   * Where the Postmark tokens are sent. Read-only through the contract: it changes only through a change the main
   * process confirms (Electron dialog, `behalf settings endpoint`), and that change clears the stored tokens.
   */
  postmarkEndpoint: z.string().trim().default(''),
  serverNamePattern: z.string().trim().min(1).max(100).default('behalf-{slug}'),
  serverColor: z.enum(POSTMARK_COLORS).default('Blue'),
  returnPathLabel: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,63}$/, 'One DNS label, like pm-bounces.')
    .default('pm-bounces'),
  dnsServers: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9a-fA-F:.[\]]+(:\d{1,5})?$/, 'Use host:port, like 127.0.0.1:53.')
        // Port 0 aborts Node's DNS resolver (a native assertion): refuse it here, not at the first check.
        .refine((v) => {
          const port = /^\[.*\]:(\d+)$/.exec(v)?.[1] ?? (v.split(':').length === 2 ? v.split(':')[1] : undefined);
          return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
        }, 'Ports are 1 to 65535.'),
    )
    .default([]),
  dmarcReportMailbox: z.string().trim().max(254).default(''),
  /** The vendor's own Postmark server that emails DNS sheets to customers' teammates (null: not set up). */
  sheetsServerId: z.number().int().positive('A Postmark server ID is a positive number.').nullable().default(null),
  /** From address of those emails: on a domain verified in that server (or a confirmed sender signature). */
  sheetsFromAddress: orEmpty(emailSchema).default(''),
  /** Browser host: a session unused this long is signed out (hours). */
  hostSessionIdleHours: z.number().int().min(1, 'At least one hour.').max(720, 'At most 30 days (720 hours).').default(12),
  /**
   * Ledger snapshots (issue #20): folder ('' = the data directory's backups/), hours between them, how many to keep.
   * Not protected like the Postmark URL: snapshots hold no secret (tokens live in the vault), and they land 0600.
   */
  backupFolder: z
    .string()
    .trim()
    .max(1000)
    // eslint-disable-next-line no-control-regex -- a path with control characters is a mistake or an attack
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'A folder path has no control characters.')
    .refine((v) => v === '' || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v), 'Give a full path (like /home/me/behalf-backups), or leave it empty for the data folder.')
    .default(''),
  backupIntervalHours: z.number().int().min(1, 'At least one hour.').max(720, 'At most 30 days (720 hours).').default(24),
  backupKeep: z.number().int().min(1, 'Keep at least one snapshot.').max(1000, 'At most 1000.').default(14),
  /** Sending health thresholds (issue #18), percentages; the source of each default is HEALTH_THRESHOLD_SOURCES. */
  healthBounceRateMax: z.number().min(0.1, 'At least 0.1 %.').max(100, 'At most 100 %.').default(10),
  healthComplaintRateMax: z.number().min(0.01, 'At least 0.01 %.').max(100, 'At most 100 %.').default(0.3),
  healthComplaintRateAim: z.number().min(0.01, 'At least 0.01 %.').max(100, 'At most 100 %.').default(0.1),
  healthQuietDays: z.number().int().min(1, 'At least one day.').max(90, 'At most 90 days.').default(7),
  healthMinVolume: z.number().int().min(0, 'Zero or more.').max(1_000_000, 'At most 1,000,000.').default(100),
  /** The watch (issue #18): a round every N hours in the long-lived doors, 0 = off; none starts in the quiet hours. */
  watchIntervalHours: z.number().int().min(0, 'Zero (off) or more.').max(168, 'At most a week (168 hours).').default(0),
  /** Quiet hours, local time of the machine running Behalf: from this hour up to (not including) the other; equal = none. */
  watchQuietFrom: z.number().int().min(0, 'An hour from 0 to 23.').max(23, 'An hour from 0 to 23.').default(22),
  watchQuietTo: z.number().int().min(0, 'An hour from 0 to 23.').max(23, 'An hour from 0 to 23.').default(7),
  /** DKIM rotation policy (issue #18): an active key older than this many months is due; the default's source is DKIM_POLICY_SOURCE. */
  dkimRotationMonths: z.number().int().min(1, 'At least one month.').max(60, 'At most 60 months.').default(6),
});
export type Settings = z.output<typeof settingsSchema>;

export type VendorGap = 'vendorName' | 'vendorDomain';

/**
 * What of the vendor's identity is still a default. Anything that leaves Behalf speaking for the vendor (a sheet
 * exported or emailed, an option 3 send) waits until this is empty, so no customer reads "Vendor sends email…".
 */
export function vendorIdentityGaps(s: Pick<Settings, 'vendorName' | 'vendorDomain'>): VendorGap[] {
  const gaps: VendorGap[] = [];
  if (s.vendorName.trim() === '' || s.vendorName.trim() === DEFAULT_VENDOR_NAME) gaps.push('vendorName');
  if (s.vendorDomain.trim() === '') gaps.push('vendorDomain');
  return gaps;
}

const GAP_WORDS: Record<VendorGap, string> = { vendorName: 'the vendor name is still the default "Vendor"', vendorDomain: 'no vendor sending domain is set' };
/** One sentence for a banner or an error: "the vendor name is still the default "Vendor" and no vendor sending domain is set". */
export function vendorGapsText(gaps: readonly VendorGap[]): string {
  return gaps.map((g) => GAP_WORDS[g]).join(' and ');
}

/** Settings the contract may not write: they decide where secrets go (see `postmarkEndpoint`). */
export const PROTECTED_SETTINGS = ['postmarkEndpoint'] as const;

/**
 * A patch carries only what the caller sent: every field optional and WITHOUT its default (zod fills defaults even
 * in `partial()`, which made saving one setting reset all others). Unknown and protected keys are refused.
 */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(settingsSchema.shape)
      .filter(([k]) => !(PROTECTED_SETTINGS as readonly string[]).includes(k))
      .map(([k, field]) => [k, field.unwrap().optional()]),
  ) as { [K in Exclude<keyof Settings, (typeof PROTECTED_SETTINGS)[number]>]: z.ZodOptional<(typeof settingsSchema.shape)[K]['def']['innerType']> },
  {
    error: (iss) =>
      iss.code !== 'unrecognized_keys'
        ? undefined
        : iss.keys.some((k) => (PROTECTED_SETTINGS as readonly string[]).includes(k))
          ? 'The Postmark API URL cannot be changed here: use Settings → Postmark → Change… (the app asks you to confirm, then clears the stored tokens) or `behalf settings endpoint URL`.'
          : `Unknown setting: ${iss.keys.join(', ')}.`,
  },
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

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

/** Asks main to change the Postmark API URL: main confirms with the person itself and clears the stored tokens. */
export const endpointChangeSchema = z.object({ url: z.string().trim().max(500) });
export const endpointChangeResultSchema = z.object({
  changed: z.boolean(),
  endpoint: z.string(),
  tokensCleared: z.boolean(),
});
