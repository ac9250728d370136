import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DependencyList } from 'react';
import type { EventName } from '../../../src-preload/api/events';
import { useClient } from '../api-context';
import { LatestRequest, type QueryState } from './latest-request';

export interface Query<T> extends QueryState<T> {
  /** Asks again (after an event said the data changed); the newest reply wins. */
  reload: () => void;
  /** Puts a fresher answer in place (e.g. the state a mutation returned); older replies in flight are dropped. */
  setData: (data: T) => void;
}

export interface QueryOptions {
  /** false: do not ask (the input is not complete yet); a reply still in flight is dropped. Default true. */
  enabled?: boolean;
  /** Waits this long after `deps` change before asking (input being typed); a reply for older input never lands. */
  debounceMs?: number;
  /** Main-process events after which the data is asked again (events with a payload to filter: use useEvent). */
  refreshOn?: readonly EventName[];
  /** Asks again this often while mounted, for state that changes without an event (a connection's health). */
  pollMs?: number;
}

/**
 * Reads data from main through the contract client: `useQuery(() => api.tenants.audit({ id }), [api, id])`.
 * Runs on mount and whenever `deps` change; stale replies never land (see LatestRequest); the error is kept
 * for the screen to show (ErrorBox), never swallowed.
 */
export function useQuery<T>(fetch: () => Promise<T>, deps: DependencyList, options: QueryOptions = {}): Query<T> {
  const { enabled = true, debounceMs = 0, refreshOn, pollMs } = options;
  const client = useClient();
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
  useEffect(() => {
    if (!enabled) return request.supersede(false);
    if (debounceMs <= 0) return reload();
    request.supersede(true);
    const timer = setTimeout(reload, debounceMs);
    return () => clearTimeout(timer);
  }, [...deps, enabled, debounceMs]);
  const events = refreshOn?.join(' ') ?? '';
  useEffect(() => {
    if (!events || !enabled) return;
    const offs = events.split(' ').map((name) => client.on(name as EventName, reload));
    return () => offs.forEach((off) => off());
  }, [client, events, enabled, reload]);
  useEffect(() => {
    if (!pollMs || !enabled) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, enabled, reload]);
  return { ...state, reload, setData };
}
