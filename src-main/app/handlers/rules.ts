import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function rulesHandlers(s: Services): NamespaceHandlers<'rules'> {
  return {
    tenant: ({ id }) => s.rules.tenant(id),
    all: () => ({ tenants: s.rules.all() }),
    setBulkMail: ({ id, bulkMail }) => s.rules.setBulkMail(id, bulkMail),
  };
}
