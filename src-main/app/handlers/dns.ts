import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function dnsHandlers(s: Services): NamespaceHandlers<'dns'> {
  return {
    checkTenant: ({ id }) => s.dns.checkTenant(id),
    checkDomain: (input) => s.dns.checkDomain(input),
    latest: ({ id }) => ({ check: s.dns.latest(id) }),
    history: ({ id, limit, beforeId }) => ({ rows: s.dns.history(id, { limit, ...(beforeId !== undefined ? { beforeId } : {}) }) }),
    bulkStart: (filter) => s.dns.bulkStart(filter),
    bulkSummary: ({ taskId }) => s.dns.bulkSummary(taskId),
  };
}
