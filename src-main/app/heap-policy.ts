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
 * The V8 settings of a process that stays open all day (issue #17, bench P8):
 * - the old generation's growth, above;
 * - no allocation-site pretenuring. Once most objects of an allocation site survived (say `rowToTenant`'s literal
 *   while the Health page holds 100,000 tenants), V8 makes every later one in the old generation. It takes that back
 *   only when a full collection finds under 10 % of the old generation alive (V8's heap.cc,
 *   EvaluateOldSpaceLocalPretenuring): never, in a process whose old generation is mostly its tenant index. Each
 *   tenant-list request's 100 tenants then went straight to the old generation and held their strings through every
 *   young collection until the next full one: the host's old generation grew 35 MB over 2,000 requests (6 MB with
 *   this setting), and RSS by up to 7 % per 1,000 requests. Young collections copy long-lived objects once instead;
 *   start-up (bench P5) showed no difference outside the machine's noise.
 */
const LONG_LIVED_FLAGS = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--no-allocation-site-pretenuring'];

/**
 * Applied by the two doors that stay open all day, the Electron main process and `behalf serve`, before they build
 * anything. V8 reads both flags at runtime (each time it sets the next limit; each time it digests a young
 * collection's survivors), so setting them after start takes effect.
 */
export function applyLongLivedHeapPolicy(): void {
  for (const flag of LONG_LIVED_FLAGS) v8.setFlagsFromString(flag);
}
