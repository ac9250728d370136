import type { Services } from '../services';
import { checkDomain } from '../../domain/domain-flags';
import { rowStates } from '../../tenants/row-states';
import type { NamespaceHandlers } from './types';

export function tenantHandlers(s: Services): NamespaceHandlers<'tenants'> {
  return {
    list: (q) => {
      const page = s.tenants.list(q);
      return {
        ...page,
        states: rowStates(
          s.db,
          page.rows.map((t) => t.id),
        ),
      };
    },
    get: ({ id }) => s.tenants.get(id),
    create: (draft) => s.tenants.create(draft),
    update: ({ id, patch }) => s.tenants.update(id, patch),
    audit: ({ id }) => ({ entries: s.tenants.auditTrail(id) }),
    tags: () => ({ tags: s.tenants.tags() }),
    checkDomain: ({ domain }) => checkDomain(domain),
    importCsv: ({ csv, base64, fileName, source, dryRun }) => {
      const { needsConsent: _consent, ...result } = s.tenants.importCsv(csv ?? Buffer.from(base64 ?? '', 'base64'), dryRun, { source, fileName });
      return result;
    },
  };
}
