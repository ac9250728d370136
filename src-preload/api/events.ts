import type { TaskSnapshotShape } from './tasks';

/**
 * Push events from main to the renderer, and their payloads. Names live here only. Types, not schemas: main
 * builds every payload itself (nothing outside crosses here), so there is nothing to validate at runtime.
 */
export interface EventMap {
  'tenants.changed': { ids: string[]; reason: string };
  'settings.changed': Record<string, never>;
  'sends.changed': { tenantId: string; sendId: number };
  /** A Postmark job or linked object changed (tenantId null: account-wide, e.g. the runner or a reconcile). */
  'outbox.changed': { tenantId: string | null; reason: string };
  'task.progress': TaskSnapshotShape;
  /** A watch round raised alerts, or one was acknowledged or snoozed (the sidebar's unread count follows). */
  /** Team mode's status line may have changed (a sync round, the server lost or back, a conflict resolved). */
  'team.changed': Record<string, never>;
  'alerts.changed': { reason: string; raised?: { title: string; tenantId: string | null }[] };
}
export type EventName = keyof EventMap;

/** The one IPC channel push events travel on in Electron. */
export const EVENT_CHANNEL = 'behalf:event';
