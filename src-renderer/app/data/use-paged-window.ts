import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EventName } from '../../../src-preload/api/events';
import { useClient } from '../api-context';
import { PagedWindow, type Page } from './paged-window';

export interface PagedWindowView<Row> {
  total: number | null;
  error: unknown;
  /** A new function whenever rows land, so a virtualized table re-renders. */
  rowAt: (index: number) => Row | undefined;
  ensure: (from: number, to: number) => void;
  reload: () => void;
}

/**
 * A long list read page by page for a virtualized table: `key` names the query (a new key starts over with no
 * count), `refreshOn` events re-read the pages in view keeping the count, stale pages never land.
 */
export function usePagedWindow<Row, P extends Page<Row>>(
  key: string,
  fetchPage: (offset: number, limit: number) => Promise<P>,
  options: { blockSize: number; refreshOn?: readonly EventName[]; onPage?: (page: P) => void },
): PagedWindowView<Row> {
  const client = useClient();
  const latest = useRef(fetchPage);
  latest.current = fetchPage;
  const onPage = useRef(options.onPage);
  onPage.current = options.onPage;
  const [list] = useState(
    () =>
      new PagedWindow<Row, P>(
        options.blockSize,
        (o, l) => latest.current(o, l),
        (p) => onPage.current?.(p),
      ),
  );
  const state = useSyncExternalStore(list.subscribe, () => list.state);
  useEffect(() => {
    list.restart();
    return () => list.stop();
  }, [list]);
  // Only a new key starts over. At mount the window already reads the first rows (the table's own effect runs
  // before this one and asks for them, or restart does): a reset here asked for page 0 twice and threw the first
  // answer away, which on 100,000 tenants kept the first screen waiting for a second SQL page (bench P5).
  const shownKey = useRef(key);
  useEffect(() => {
    if (shownKey.current === key) return;
    shownKey.current = key;
    list.reset(null, true);
  }, [list, key]);
  const reload = useCallback(() => list.reset(null, false), [list]);
  const events = options.refreshOn?.join(' ') ?? '';
  useEffect(() => {
    if (!events) return;
    const offs = events.split(' ').map((name) => client.on(name as EventName, reload));
    return () => offs.forEach((off) => off());
  }, [client, events, reload]);
  // `version` makes a new function when blocks arrive, so the table re-renders.
  const rowAt = useCallback((index: number) => list.rowAt(index), [list, state.version]);
  const ensure = useCallback((from: number, to: number) => list.ensure(from, to), [list]);
  return { total: state.total, error: state.error, rowAt, ensure, reload };
}
