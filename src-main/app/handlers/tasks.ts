import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function taskHandlers(s: Services): NamespaceHandlers<'tasks'> {
  return {
    list: () => ({ tasks: s.tasks.list() }),
    cancel: ({ taskId }) => {
      s.tasks.cancel(taskId);
      return { ok: true as const };
    },
  };
}
