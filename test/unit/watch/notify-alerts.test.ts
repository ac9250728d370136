import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/core/event-bus';
import { notifyNewAlerts, type NotificationLike } from '../../../src-main/electron/notify-alerts';

function recorder(supported = true) {
  const shown: { title: string; body: string }[] = [];
  const clicks: (() => void)[] = [];
  class FakeNotification implements NotificationLike {
    static isSupported = () => supported;
    constructor(private readonly opts: { title: string; body: string }) {}
    on(_event: 'click', fn: () => void) {
      clicks.push(fn);
    }
    show() {
      shown.push(this.opts);
    }
  }
  return { shown, clicks, FakeNotification };
}

describe("the desktop app's notification for new alerts", () => {
  it('one per round that raised any, naming the alert or counting them; a click opens Alerts; nothing for acknowledgements', () => {
    const bus = new EventBus();
    const r = recorder();
    let opened = 0;
    const stop = notifyNewAlerts(bus, r.FakeNotification, () => (opened += 1));
    bus.emit('alerts.changed', { reason: 'acknowledged' });
    bus.emit('alerts.changed', { reason: 'raised', raised: [{ title: 'Acme: DKIM record gone', tenantId: 'a' }] });
    bus.emit('alerts.changed', {
      reason: 'raised',
      raised: [
        { title: 'A', tenantId: 'a' },
        { title: 'B', tenantId: null },
      ],
    });
    expect(r.shown).toEqual([
      { title: 'Acme: DKIM record gone', body: 'Open Alerts in Behalf to see why.' },
      { title: '2 new alerts in Behalf', body: 'A\nB' },
    ]);
    r.clicks[0]!();
    expect(opened).toBe(1);
    stop();
    bus.emit('alerts.changed', { reason: 'raised', raised: [{ title: 'C', tenantId: null }] });
    expect(r.shown).toHaveLength(2);
  });

  it('shows nothing where the system has no notifications', () => {
    const bus = new EventBus();
    const r = recorder(false);
    notifyNewAlerts(bus, r.FakeNotification, () => undefined);
    bus.emit('alerts.changed', { reason: 'raised', raised: [{ title: 'A', tenantId: 'a' }] });
    expect(r.shown).toEqual([]);
  });
});
