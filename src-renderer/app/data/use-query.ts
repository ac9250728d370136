import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DependencyList } from 'react';
import { LatestRequest, type QueryState } from './latest-request';

export interface Query<T> extends QueryState<T> {
  /** Asks again (after an event said the data changed); the newest reply wins. */
  reload: () => void;
  /** Puts a fresher answer in place (e.g. the state a mutation returned); older replies in flight are dropped. */
  setData: (data: T) => void;
}

/**
 * Reads data from main through the contract client: `useQuery(() => api.tenants.audit({ id }), [api, id])`.
 * Runs on mount and whenever `deps` change; stale replies never land (see LatestRequest); the error is kept
 * for the screen to show (ErrorBox), never swallowed.
 */
export function useQuery<T>(fetch: () => Promise<T>, deps: DependencyList): Query<T> {
  const [request] = useState(() => new LatestRequest<T>());
  const state = useSyncExternalStore(request.subscribe, () => request.state);
  const latest = useRef(fetch);
  latest.current = fetch;
  const reload = useCallback(() => void request.run(() => latest.current()), [request]);
  const setData = useCallback((data: T) => request.set(data), [request]);
  useEffect(() => {
    request.restart();
    return () => request.stop();
  }, [request]);
  // The caller's deps say when to ask again.
  useEffect(reload, deps);
  return { ...state, reload, setData };
}
