import type { Dispatcher, request as undiciRequest } from 'undici';

/** The `fetch` option of the official client (postmark.js README, "Proxies / custom fetch"). */
export type ClientFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The official client's transport: undici's `request()` behind the fetch signature the client takes (its documented
 * `fetch` option). Node's built-in fetch builds WHATWG Request, Headers, Response and stream objects for every call:
 * 4,000 GETs like a reconcile's detail reads took 2.3–3.4× the CPU through it, and P4's reconcile 2.79–3.91 s against
 * 2.09–2.37 s (issue #17).
 *
 * Faithful to what postmark.js reads and to how fetch fails, so error mapping (error-map.ts) sees what it saw:
 * - the answer's `status` and `text()`, the only parts the client reads;
 * - a failure before the answer rejects as fetch does: TypeError "fetch failed", the cause kept; one while reading the
 *   body as TypeError "terminated";
 * - a timeout or abort rejects with the signal's reason, as fetch does.
 *
 * One difference, on purpose: a redirect is not followed. fetch follows it with the token header, to another host and
 * even from https to plain http. Here a 3xx is the answer, which error-map.ts reads as "not Postmark"
 * (`postmark.endpoint`), as it reads the HTML page a followed redirect used to end on.
 */
export function createClientFetch(request: typeof undiciRequest): ClientFetch {
  return async (input, init = {}) => {
    if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('The Postmark transport takes a URL, not a Request.');
    const signal = init.signal ?? undefined;
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(input, {
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init.headers as Record<string, string> | undefined,
        body: init.body as string | undefined,
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: err });
    }
    const text = async (): Promise<string> => {
      try {
        return await answer.body.text();
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw new TypeError('terminated', { cause: err });
      }
    };
    return { status: answer.statusCode, ok: answer.statusCode >= 200 && answer.statusCode < 300, text } as unknown as Response;
  };
}
