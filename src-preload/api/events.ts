import { z } from 'zod';

/** Push events from main to the renderer. Names live here only. */
export const eventSchemas = {
  'tenants.changed': z.object({ ids: z.array(z.string()), reason: z.string() }),
  'settings.changed': z.object({}),
  'task.progress': z.object({
    taskId: z.string(),
    kind: z.string(),
    label: z.string(),
    done: z.number(),
    total: z.number(),
    state: z.enum(['running', 'done', 'cancelled', 'failed']),
    message: z.string().optional(),
  }),
} as const;

export type EventMap = { [K in keyof typeof eventSchemas]: z.infer<(typeof eventSchemas)[K]> };
export type EventName = keyof EventMap;
export const eventNames = Object.keys(eventSchemas) as EventName[];

/** The one IPC channel push events travel on in Electron. */
export const EVENT_CHANNEL = 'behalf:event';
