import { useCallback, useRef } from 'react';
import type { TenantListQuery, TenantListPage, TenantRowState } from '../../../src-preload/api/tenant-queries';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { usePagedWindow } from '../../app/data/use-paged-window';

const BLOCK = 100;

/**
 * Rows for a virtualized table over any number of tenants: pages of 100 are fetched on demand for the rows in
 * view and cached per query. A change to the query starts a fresh cache; a tenants.changed event refreshes it.
 */
export function useTenantWindow(query: Omit<TenantListQuery, 'offset' | 'limit'>) {
  const api = useApi();
  const states = useRef(new Map<string, TenantRowState>());
  const list = usePagedWindow<Tenant, TenantListPage>(JSON.stringify(query), (offset, limit) => api.tenants.list({ ...query, offset, limit }), {
    blockSize: BLOCK,
    refreshOn: ['tenants.changed'],
    onPage: (page) => {
      for (const [id, st] of Object.entries(page.states)) states.current.set(id, st);
    },
  });
  const stateOf = useCallback((id: string) => states.current.get(id), []);
  return { ...list, stateOf };
}
