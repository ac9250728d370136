import { z } from 'zod';
import { taskSnapshotSchema } from './tasks';

/** Push events from main to the renderer. Names live here only. */
export const eventSchemas = {
  'tenants.changed': z.object({ ids: z.array(z.string()), reason: z.string() }),
  'settings.changed': z.object({}),
  'sends.changed': z.object({ tenantId: z.string(), sendId: z.number() }),
  /** A Postmark job or linked object changed (tenantId null: account-wide, e.g. the runner or a reconcile). */
  'outbox.changed': z.object({ tenantId: z.string().nullable(), reason: z.string() }),
  'task.progress': taskSnapshotSchema,
} as const;

export type EventMap = { [K in keyof typeof eventSchemas]: z.infer<(typeof eventSchemas)[K]> };
export type EventName = keyof EventMap;
export const eventNames = Object.keys(eventSchemas) as EventName[];

/** The one IPC channel push events travel on in Electron. */
export const EVENT_CHANNEL = 'behalf:event';
