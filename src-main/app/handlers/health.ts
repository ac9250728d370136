import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function healthHandlers(s: Services): NamespaceHandlers<'health'> {
  return {
    overview: () => s.health.overview(),
    tenant: ({ id }) => s.health.tenant(id),
    refresh: ({ id }) => s.health.refresh(id),
  };
}
