import v8 from 'node:v8';

/**
 * How far V8 lets its old generation grow past what the last full collection kept, as a percentage (V8's
 * `--heap-growing-percent`). Left alone, a heap allowed 4 GB grows by up to 4× before the next full collection: the
 * console's process, whose live heap is ~130 MB with 100,000 tenants and a year of DMARC rows, then carried hundreds
 * of megabytes of dead replies between collections and its memory climbed under ordinary use (bench P8). At 1.5×
 * a full collection comes sooner; V8 marks concurrently, so the main thread pays a few milliseconds for it.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Applied by the two doors that stay open all day, the Electron main process and `behalf serve`, before they build
 * anything. V8 reads the flag each time it sets the next limit, so setting it at runtime takes effect (issue #17).
 */
export function applyLongLivedHeapPolicy(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
