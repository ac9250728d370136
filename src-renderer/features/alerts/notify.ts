import type { EventMap } from '../../../src-preload/api/events';

/**
 * OS notifications for new alerts in the browser host, through the web Notifications API, only when the person
 * allowed them. One per round. The desktop app notifies from main instead (its renderer is denied every permission,
 * so this never fires there twice).
 */
export function notifyRaised(e: EventMap['alerts.changed']): void {
  const raised = e.raised ?? [];
  if (raised.length === 0 || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title = raised.length === 1 ? raised[0]!.title : `${raised.length} new alerts in Behalf`;
  const body =
    raised.length === 1
      ? 'Open Alerts in Behalf to see why.'
      : raised
          .map((a) => a.title)
          .slice(0, 4)
          .join('\n');
  const note = new Notification(title, { body, tag: 'behalf-alerts' });
  note.onclick = () => {
    window.focus();
    location.hash = '#/alerts';
  };
}

/** Whether the page may still ask (the person has neither allowed nor refused). */
export const canAskForNotifications = () => typeof Notification !== 'undefined' && Notification.permission === 'default';
