/** One page of a long list, as main returns it. */
export interface Page<Row> {
  rows: Row[];
  /** How many rows the whole list has (for the scroll height). */
  total: number;
}

/** What a screen knows about a long list read page by page. */
export interface WindowState {
  total: number | null;
  /** The newest failed page's error (cleared when a page lands); a failed page is asked again when next in view. */
  error: unknown;
  /** Bumped whenever a page lands, so a virtualized table knows to re-render. */
  version: number;
}

/**
 * The state machine under `usePagedWindow`, free of React: a list of any length (100k tenants) read in blocks
 * as rows come into view, each block once. `reset` starts a new generation (the query changed, or an event said
 * the rows did): a page asked for by an older generation never lands, like an older reply in LatestRequest.
 */
export class PagedWindow<Row, P extends Page<Row> = Page<Row>> {
  private blocks = new Map<number, Row[] | 'loading'>();
  /** The rows last asked for, read again on restart (a remount in development, or after stop). */
  private wanted: [number, number] = [0, 0];
  private generation = 0;
  private stopped = false;
  private current: WindowState = { total: null, error: null, version: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly blockSize: number,
    private fetchPage: (offset: number, limit: number) => Promise<P>,
    /** Called for each page that lands (e.g. per-row extras the page carries). */
    private readonly onPage: (page: P) => void = () => undefined,
  ) {}

  get state(): WindowState {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Forgets every block and reads the first again; `fetchPage` replaces the query, `forgetTotal` blanks the count. */
  reset(fetchPage: ((offset: number, limit: number) => Promise<P>) | null, forgetTotal: boolean): void {
    if (fetchPage) this.fetchPage = fetchPage;
    this.generation++;
    this.blocks = new Map();
    if (forgetTotal) this.update({ ...this.current, total: null });
    this.load(0);
  }

  /** Makes sure rows from..to are read (or being read). */
  ensure(from: number, to: number): void {
    this.wanted = [from, to];
    for (let b = Math.floor(from / this.blockSize); b <= Math.floor(Math.max(from, to) / this.blockSize); b++) this.load(b);
  }

  rowAt(index: number): Row | undefined {
    const b = this.blocks.get(Math.floor(index / this.blockSize));
    return Array.isArray(b) ? b[index % this.blockSize] : undefined;
  }

  /** Lands nothing more and forgets every block (a page in flight would never land, so it must be asked again). */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.blocks = new Map();
  }

  /** After stop, or at mount: reads the rows last asked for (the first block when none were). */
  restart(): void {
    this.stopped = false;
    this.ensure(...this.wanted);
  }

  private load(block: number): void {
    if (this.stopped || this.blocks.has(block)) return;
    const mine = this.generation;
    const blocks = this.blocks;
    blocks.set(block, 'loading');
    this.fetchPage(block * this.blockSize, this.blockSize).then(
      (page) => {
        if (mine !== this.generation) return;
        blocks.set(block, page.rows);
        this.onPage(page);
        this.update({ total: page.total, error: null, version: this.current.version + 1 });
      },
      (error: unknown) => {
        if (mine !== this.generation) return;
        blocks.delete(block);
        this.update({ ...this.current, error });
      },
    );
  }

  private update(next: WindowState): void {
    this.current = next;
    for (const l of this.listeners) l();
  }
}
