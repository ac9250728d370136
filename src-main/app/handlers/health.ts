import type { HealthRefreshResult } from '../../../src-preload/api/health';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function healthHandlers(s: Services): NamespaceHandlers<'health'> {
  return {
    // A page never needs every row of a big ledger at once: the worst 500 unless it asks for another number.
    overview: ({ verdict, limit }) => s.health.overview({ verdict: verdict ?? 'all', limit: limit ?? 500 }),
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
