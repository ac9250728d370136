import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function alertsHandlers(s: Services): NamespaceHandlers<'alerts'> {
  return {
    list: ({ includeAcknowledged }) => s.watch.list({ includeAcknowledged }),
    acknowledge: ({ id }) => s.watch.acknowledge(id),
    snooze: ({ id, hours }) => s.watch.snooze(id, hours),
  };
}

export function watchHandlers(s: Services): NamespaceHandlers<'watch'> {
  return {
    runOnce: () => s.watch.runOnce(),
  };
}
