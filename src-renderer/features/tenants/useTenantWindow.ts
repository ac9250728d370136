import { useCallback, useEffect, useRef, useState } from 'react';
import type { TenantListQuery, TenantRowState } from '../../../src-preload/api/tenant-queries';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';

const BLOCK = 100;

/**
 * Rows for a virtualized table over any number of tenants: pages of 100 are fetched on demand for the rows in
 * view and cached per query. A change to the query starts a fresh cache; a tenants.changed event refreshes it.
 */
export function useTenantWindow(query: Omit<TenantListQuery, 'offset' | 'limit'>) {
  const api = useApi();
  const key = JSON.stringify(query);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const blocks = useRef(new Map<number, Tenant[] | 'loading'>());
  const states = useRef(new Map<string, TenantRowState>());
  const generation = useRef(0);

  const load = useCallback(
    (block: number) => {
      const gen = generation.current;
      if (blocks.current.has(block)) return;
      blocks.current.set(block, 'loading');
      api.tenants
        .list({ ...query, offset: block * BLOCK, limit: BLOCK })
        .then((page) => {
          if (gen !== generation.current) return;
          blocks.current.set(block, page.rows);
          for (const [id, st] of Object.entries(page.states)) states.current.set(id, st);
          setTotal(page.total);
          setError(null);
          setVersion((v) => v + 1);
        })
        .catch((err) => {
          if (gen !== generation.current) return;
          blocks.current.delete(block);
          setError(err);
        });
    },
    [api, key],
  );

  const reset = useCallback(() => {
    generation.current++;
    blocks.current = new Map();
    load(0);
  }, [load]);

  useEffect(() => {
    setTotal(null);
    reset();
  }, [reset]);

  useEvent('tenants.changed', reset);

  const rowAt = useCallback(
    (index: number): Tenant | undefined => {
      const b = blocks.current.get(Math.floor(index / BLOCK));
      return Array.isArray(b) ? b[index % BLOCK] : undefined;
    },
    // `version` makes a new function when blocks arrive, so the table re-renders.
    [version],
  );

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let b = Math.floor(from / BLOCK); b <= Math.floor(Math.max(from, to) / BLOCK); b++) load(b);
    },
    [load],
  );

  const stateOf = useCallback((id: string) => states.current.get(id), []);

  return { total, error, rowAt, stateOf, ensure, reload: reset };
}
