import { z } from 'zod';

/**
 * Team mode (issue #19) as the console shows it: Settings → Team, the sidebar's team line, open conflicts.
 * Joining and publishing stay in the CLI (`behalf team init|join`); nothing here carries the database password.
 */
export const teamStatusSchema = z.object({
  mode: z.enum(['single', 'team']),
  /** The team database's connection string, without its password (the vault keeps that). */
  server: z.string().nullable(),
  operator: z.object({ name: z.string(), email: z.string() }).nullable(),
  waiting: z.number(),
  conflicts: z.number(),
  offlineSince: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
});
export type TeamStatusView = z.infer<typeof teamStatusSchema>;

export const teamOperatorInputSchema = z.object({
  name: z.string().trim().min(1, 'Give your name.').max(100),
  email: z.string().trim().min(3, 'Give your e-mail address.').max(254),
});

export const teamConflictSchema = z.object({
  id: z.number(),
  /** "Jane set Acme's option to 2 at 10:14 while you were offline; yours was 1". */
  text: z.string(),
  label: z.string(),
  theirOperator: z.string().nullable(),
  theirAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TeamConflictView = z.infer<typeof teamConflictSchema>;
export const teamConflictListSchema = z.object({ conflicts: z.array(teamConflictSchema) });

export const teamResolveInputSchema = z.object({
  id: z.number().int().positive(),
  resolution: z.enum(['keep-theirs', 'apply-mine']),
});
