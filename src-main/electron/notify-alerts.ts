import type { EventBus } from '../core/event-bus';

/** The part of Electron's main-process `Notification` this uses (injected, so it is tested without Electron). */
export interface NotificationLike {
  show(): void;
  on(event: 'click', fn: () => void): unknown;
}
export interface NotificationClass {
  new (opts: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

/**
 * The desktop app's OS notification for new alerts (issue #18): one per watch round that raised any, from main, so
 * it works with the window hidden and without granting the renderer a permission. A click opens Alerts.
 */
export function notifyNewAlerts(bus: EventBus, Notification: NotificationClass, openAlerts: () => void): () => void {
  return bus.on('alerts.changed', (e) => {
    const raised = e.raised ?? [];
    if (raised.length === 0 || !Notification.isSupported()) return;
    const note = new Notification({
      title: raised.length === 1 ? raised[0]!.title : `${raised.length} new alerts in Behalf`,
      body:
        raised.length === 1
          ? 'Open Alerts in Behalf to see why.'
          : raised
              .map((a) => a.title)
              .slice(0, 4)
              .join('\n'),
    });
    note.on('click', openAlerts);
    note.show();
  });
}
