/**
 * When a big ledger's index starts reading its slices (tenant-index.ts). They used to start one second after open.
 * On a slow machine the console's first screen asked for its data 1.1–1.3 s after `behalf serve` was spawned, so
 * each of its first calls waited behind a slice (`recovery.status`, a constant, took up to ~300 ms; bench P5).
 * Now the slices start shortly after the first page of the list has been answered (by SQL), when the screen's other
 * first calls are in; when no screen asks for the list, a while after open.
 */
export const BUILD_AFTER_OPEN_MS = 3000;
export const BUILD_AFTER_FIRST_PAGE_MS = 250;

export class BuildStart {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private hurried = false;

  constructor(private readonly start: () => void) {}

  /** Waits for the first page to be answered, or BUILD_AFTER_OPEN_MS at most. */
  wait(): void {
    this.hurried = false;
    this.set(BUILD_AFTER_OPEN_MS);
  }

  /** A page was answered while waiting: start soon. Once: later pages (a search typed at once) do not postpone it. */
  pageAnswered(): void {
    if (this.timer === null || this.hurried) return;
    this.hurried = true;
    this.set(BUILD_AFTER_FIRST_PAGE_MS);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(ms: number): void {
    this.cancel();
    // unref: a CLI command exits without waiting for an index it did not need.
    const timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, ms);
    timer.unref?.();
    this.timer = timer;
  }
}
