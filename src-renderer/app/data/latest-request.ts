/** What a screen knows about one piece of data it reads from main. */
export interface QueryState<T> {
  /** The last reply that landed; kept while a newer request runs, so the screen does not blank on a refresh. */
  data: T | undefined;
  /** The error of the newest request, if it failed (cleared when a newer request succeeds). */
  error: unknown;
  loading: boolean;
}

/**
 * The state machine under `useQuery`, free of React so it can be tested as it is. Every request takes a ticket;
 * only the newest ticket's reply (or error) lands, so a slow reply to an older request — the previous tenant,
 * the filter before the last keystroke — never overwrites a newer one. `set` (a reply a mutation returned)
 * counts as newest too, and `stop` (the screen went away) lets nothing land any more.
 */
export class LatestRequest<T> {
  private ticket = 0;
  private stopped = false;
  private current: QueryState<T> = { data: undefined, error: null, loading: false };
  private readonly listeners = new Set<() => void>();

  get state(): QueryState<T> {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts a request; resolves when it settled (whether or not its answer landed). */
  async run(fetch: () => Promise<T>): Promise<void> {
    const mine = ++this.ticket;
    this.update({ ...this.current, loading: true });
    try {
      const data = await fetch();
      if (this.isCurrent(mine)) this.update({ data, error: null, loading: false });
    } catch (error) {
      if (this.isCurrent(mine)) this.update({ ...this.current, error, loading: false });
    }
  }

  /** Replaces the data with a newer answer obtained elsewhere; requests still in flight are now older. */
  set(data: T): void {
    if (this.stopped) return;
    this.ticket++;
    this.update({ data, error: null, loading: false });
  }

  /**
   * A newer request is coming (the input changed and the screen waits for typing to settle) or none is wanted
   * any more: replies still in flight are now older and never land. `loading` says whether one is coming.
   */
  supersede(loading: boolean): void {
    if (this.stopped) return;
    this.ticket++;
    if (this.current.loading !== loading) this.update({ ...this.current, loading });
  }

  /** Nothing lands after this (the component unmounted). */
  stop(): void {
    this.stopped = true;
    this.ticket++;
  }

  /** For a component mounted again with the same machine (React's StrictMode mounts twice in development). */
  restart(): void {
    this.stopped = false;
  }

  private isCurrent(ticket: number): boolean {
    return !this.stopped && ticket === this.ticket;
  }

  private update(next: QueryState<T>): void {
    this.current = next;
    for (const l of this.listeners) l();
  }
}
