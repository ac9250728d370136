import { z } from 'zod';
import { apiErrorSchema } from './error-schema';

/**
 * Team mode (issue #19) as the console shows it: Settings → Team, the sidebar's team line, open conflicts, and
 * publishing or joining (tasks, like `behalf team init|join`). The database password only ever travels INTO main
 * (publish/join input); no reply or event carries it.
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

/**
 * Publish this ledger as the team's, or join a team: a PostgreSQL connection string (checked in main, where bad
 * ones get team.bad-url with what to type), the password from its own field (kept in the vault, never shown
 * again), and who this console is in the audit trail. Answered with a task id: progress comes as task.progress
 * ("Copied 20,000 of 100,000 rows"), cancel through tasks.cancel, the end through team.connectResult.
 */
export const teamConnectInputSchema = z.object({
  url: z.string().trim().min(1, 'Give the connection string, postgres://USER@HOST:5432/DATABASE.').max(2000),
  password: z.string().max(1000).optional(),
  name: z.string().max(100).optional(),
  email: z.string().max(254).optional(),
});
export type TeamConnectInput = z.infer<typeof teamConnectInputSchema>;

export const teamConnectResultSchema = z.object({
  kind: z.enum(['publish', 'join']),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number(),
  total: z.number(),
  /** Rows copied (published or joined) when it finished. */
  rows: z.number().nullable(),
  /** What stopped it, with the service's code and hint (team.auth, team.tls-refused, team.not-published…). */
  error: apiErrorSchema.nullable(),
});
export type TeamConnectResult = z.infer<typeof teamConnectResultSchema>;
