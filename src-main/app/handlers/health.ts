import type { HealthRefreshResult } from '../../../src-preload/api/health';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function healthHandlers(s: Services): NamespaceHandlers<'health'> {
  return {
    overview: () => s.health.overview(),
    tenant: ({ id }) => s.health.tenant(id),
    refresh: ({ id }) => s.health.refresh(id),
    refreshStart: () => {
      const { taskId } = s.tasks.start('health.refresh', 'Refresh sending health from Postmark', ({ signal, progress }) =>
        s.health.refresh(undefined, { signal, progress }),
      );
      return { taskId };
    },
    refreshResult: ({ taskId }) => {
      const { snap, result } = s.tasks.outcome<HealthRefreshResult>(taskId);
      return { state: snap.state, done: snap.done, total: snap.total, result: result ?? null };
    },
  };
}
