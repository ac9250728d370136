/**
 * Per-test fault injection. A fault is consumed by the next `times` requests whose path matches.
 *
 * - `status`: answer 429/500/503 (or any status) with a Postmark error body and do NOT carry out the request.
 * - `drop`: destroy the socket without an answer (the client sees "fetch failed").
 * - `delayMs`: hold the answer (a client with a shorter timeout gives up).
 * - `processed`: for drop/delay, whether the request still takes effect before the answer is lost or late.
 *   Defaults: drop → false, delay → true. `drop + processed` is the nasty case: the object was created but
 *   the caller never heard back, which is what adoption on retry must handle.
 */
export interface FaultSpec {
  status?: number;
  errorCode?: number;
  message?: string;
  drop?: boolean;
  delayMs?: number;
  processed?: boolean;
  times?: number;
  /** Answer `status` with an HTML page instead of Postmark's JSON: what a proxy or a wrong base URL gives. */
  html?: boolean;
  /** Tested against the path (with query) and against `METHOD /path`, so both /\/servers/ and /^POST / work. */
  match?: RegExp;
}

export interface ActiveFault extends FaultSpec {
  remaining: number;
}

export interface Faults {
  next(spec: FaultSpec): void;
  /** A proxy (or a wrong base URL) in front of everything: every path answers an HTML 404 until clear(). */
  proxy404(): void;
  clear(): void;
  /** Faults not yet used up (for asserting that a test consumed what it set). */
  pending(): number;
  /** Used by the server: the fault to apply to this request, consuming one use. */
  take(method: string, pathWithQuery: string): ActiveFault | undefined;
}

const DEFAULT_ERROR_CODES: Record<number, number> = { 429: 0, 500: 101, 503: 100 };
const DEFAULT_MESSAGES: Record<number, string> = {
  429: 'Rate limit exceeded. Please slow down your requests.',
  500: 'An unexpected error occurred. Please try again.',
  503: 'The Postmark API is offline for maintenance.',
};

export function defaultFaultBody(fault: FaultSpec): { ErrorCode: number; Message: string } {
  const status = fault.status ?? 500;
  return {
    ErrorCode: fault.errorCode ?? DEFAULT_ERROR_CODES[status] ?? 0,
    Message: fault.message ?? DEFAULT_MESSAGES[status] ?? `Simulated failure (HTTP ${status}).`,
  };
}

/** The kind of page a corporate proxy or a web server at the wrong URL answers with. */
export function htmlFaultPage(status: number): string {
  return `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${status === 404 ? 'Not Found' : 'Proxy error'}</h1><p>The requested URL was not found on this server.</p></body></html>`;
}

export function createFaults(): Faults {
  const queue: ActiveFault[] = [];
  return {
    next(spec) {
      if (spec.status === undefined && !spec.drop && spec.delayMs === undefined) {
        throw new Error('A fault needs status, drop or delayMs');
      }
      queue.push({ ...spec, remaining: spec.times ?? 1 });
    },
    proxy404() {
      queue.push({ status: 404, html: true, remaining: Number.POSITIVE_INFINITY });
    },
    clear() {
      queue.length = 0;
    },
    pending() {
      return queue.reduce((sum, f) => sum + f.remaining, 0);
    },
    take(method, pathWithQuery) {
      const index = queue.findIndex((f) => matches(f.match, method, pathWithQuery));
      const fault = queue[index];
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) queue.splice(index, 1);
      return fault;
    },
  };
}

function matches(re: RegExp | undefined, method: string, pathWithQuery: string): boolean {
  if (!re) return true;
  re.lastIndex = 0;
  if (re.test(pathWithQuery)) return true;
  re.lastIndex = 0;
  return re.test(`${method} ${pathWithQuery}`);
}
