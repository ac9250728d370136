import { z } from 'zod';

/** One snapshot in the backup folder, as Settings → Backups lists it. */
export const snapshotSchema = z.object({
  name: z.string(),
  file: z.string(),
  takenAt: z.string(),
  size: z.number(),
  /** Null when the file could not be read (damaged, foreign, newer): `problem` says why. */
  tenants: z.number().nullable(),
  reports: z.number().nullable(),
  schemaVersion: z.number().nullable(),
  problem: z.string().nullable(),
});
export type SnapshotView = z.infer<typeof snapshotSchema>;

export const backupListSchema = z.object({
  folder: z.string(),
  intervalHours: z.number(),
  keep: z.number(),
  lastError: z.string().nullable(),
  snapshots: z.array(snapshotSchema),
});
export type BackupList = z.infer<typeof backupListSchema>;

/** Restore names a snapshot of the backup folder by file name only: the renderer cannot point main at any path. */
export const restoreInputSchema = z.object({
  name: z.string().regex(/^behalf-[0-9TZ-]+(-[a-z-]+)?\.sqlite$/, 'Choose a snapshot from the list.'),
});

export const restoreResultSchema = z.object({
  restoredFrom: z.string(),
  snapshotDate: z.string(),
  tenants: z.number(),
  reports: z.number(),
  schemaVersion: z.number(),
  fromSchemaVersion: z.number(),
  keptCurrentAs: z.string(),
  message: z.string(),
});
export type RestoreResultView = z.infer<typeof restoreResultSchema>;

/** Recovery mode: the ledger could not be opened at start; only these calls answer. */
export const recoveryStatusSchema = z.object({
  active: z.boolean(),
  ledgerFile: z.string(),
  problem: z.string(),
  hint: z.string(),
  snapshots: z.array(snapshotSchema),
});
