import { z } from 'zod';

/** The rua mailbox Behalf reads DMARC reports from over IMAP (issue #14). The password never crosses a door. */

const folder = z
  .string()
  .trim()
  .min(1, 'Name a folder.')
  .max(200)
  .refine((s) => !/[\r\n\0]/.test(s), 'A folder name is one line.');

export const dmarcMailboxSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  tls: z.boolean(),
  user: z.string(),
  folder: z.string(),
  processedFolder: z.string(),
  unreadableFolder: z.string(),
  /** 0: no polling (only "Fetch now"). */
  pollMinutes: z.number().int(),
  /** Failure reports: keep subjects and recipients, or redact them before they reach the ledger. */
  rufPersonalData: z.enum(['keep', 'redact']),
  /** Whether a password is kept (in the vault). The password itself is never returned. */
  hasPassword: z.boolean(),
  /** Where the password is kept ("memory only…", "encrypted by the OS keychain"). */
  passwordStorage: z.string(),
  configured: z.boolean(),
});
export type DmarcMailbox = z.infer<typeof dmarcMailboxSchema>;

/**
 * A save: any subset of the settings, and optionally a new password. Changing host or port forgets the stored
 * password (it would otherwise be sent to the new server unasked); plain IMAP (tls: false) only to loopback.
 */
export const dmarcMailboxSaveSchema = z.object({
  host: z
    .string()
    .trim()
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]*$/, 'Use a host name or IP address, like imap.example.com.')
    .optional(),
  port: z.number().int().min(1, 'Ports are 1 to 65535.').max(65535, 'Ports are 1 to 65535.').optional(),
  tls: z.boolean().optional(),
  user: z.string().trim().max(254).optional(),
  folder: folder.optional(),
  processedFolder: folder.optional(),
  unreadableFolder: folder.optional(),
  pollMinutes: z.number().int().min(0).max(1440, 'At most once a day (1440 minutes).').optional(),
  rufPersonalData: z.enum(['keep', 'redact']).optional(),
  password: z.string().min(1).max(1000).optional(),
  forgetPassword: z.boolean().optional(),
});
export type DmarcMailboxSave = z.infer<typeof dmarcMailboxSaveSchema>;

/** Reports of a domain imported with something tolerated, with their notes (newest first, at most 200). */
export const dmarcRepairedSchema = z.object({
  reports: z.array(
    z.object({
      org: z.string(),
      reportId: z.string(),
      day: z.string(),
      sourceFile: z.string(),
      importedAt: z.string(),
      repairs: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
  ),
});
export type DmarcRepaired = z.infer<typeof dmarcRepairedSchema>;

/** Failure reports (ruf) of a domain, newest first (at most 500). Subjects and recipients never cross a door. */
export const dmarcFailuresSchema = z.object({
  failures: z.array(
    z.object({
      arrival: z.string().nullable(),
      reporter: z.string(),
      sourceIp: z.string(),
      headerFrom: z.string(),
      authFailure: z.string(),
      authResults: z.string(),
      disposition: z.string(),
      dkimDomain: z.string(),
    }),
  ),
});
export type DmarcFailures = z.infer<typeof dmarcFailuresSchema>;
