import type { AccountClient, ServerClient } from 'postmark';
import { createClientFetch } from './client-fetch';
import { clientHostOptions, DEFAULT_POSTMARK_ENDPOINT } from './endpoint';
import { PostmarkGatewayError } from './errors';
import { endpointFailure, mapClientFailure, type FailureContext } from './error-map';
import { HINTS } from './hints';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';

export interface PostmarkGatewayOptions {
  /** The account token, or a function that reads it when needed (so a token changed in Settings applies at once). */
  accountToken: string | (() => string | undefined);
  /** e.g. 'http://127.0.0.1:PORT' for the simulator; default https://api.postmarkapp.com. */
  endpoint?: string;
  /** Whole-request deadline per attempt; default 15 (postmark.js would wait 180). */
  timeoutSeconds?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { operation: string; failures: number; delayMs: number; error: PostmarkGatewayError }) => void;
}

/**
 * Which failures a call may retry on its own.
 * - 'all': every retryable failure (reads, verifies, deletes, and creates, whose duplicates Postmark refuses
 *   by name and the outbox adopts).
 * - 'refused-only': only 429 and 503, where Postmark did not act. Used for sends: after a timeout or a dropped
 *   connection the mail may already be on its way, and a second copy reaches a real person.
 */
export type RetryMode = 'all' | 'refused-only';

export interface CallRunner {
  account<T>(operation: string, run: (client: AccountClient) => Promise<T>, mode?: RetryMode): Promise<T>;
  server<T>(serverToken: string, operation: string, run: (client: ServerClient) => Promise<T>, mode?: RetryMode): Promise<T>;
  failureContext(operation: string, auth: 'account' | 'server', serverToken?: string): FailureContext;
}

/**
 * The official client and its transport (client-fetch.ts) are loaded on the first Postmark call, not when the CLI or
 * the browser host starts: most sessions open the tenant list long before any call (P5, cold start).
 */
const loadPostmark = async () => {
  const [{ AccountClient, ServerClient }, { request }] = await Promise.all([import('postmark'), import('undici')]);
  return { AccountClient, ServerClient, fetch: createClientFetch(request) };
};
let postmark: ReturnType<typeof loadPostmark> | undefined;

export function createCallRunner(opts: PostmarkGatewayOptions): CallRunner {
  const host = clientHostOptions(opts.endpoint ?? DEFAULT_POSTMARK_ENDPOINT);
  const timeoutSeconds = opts.timeoutSeconds ?? 15;
  const clientOptions = { ...host, timeout: timeoutSeconds };
  const policy = opts.retry ?? DEFAULT_RETRY;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = opts.random ?? Math.random;
  const readAccountToken = () => (typeof opts.accountToken === 'function' ? opts.accountToken() : opts.accountToken)?.trim() ?? '';
  let accountClient: { token: string; client: AccountClient } | undefined;
  const serverClients = new Map<string, ServerClient>();

  function failureContext(operation: string, auth: 'account' | 'server', serverToken?: string): FailureContext {
    const tokens = [readAccountToken(), serverToken ?? ''].filter((t) => t !== '');
    return { operation, auth, tokens, timeoutSeconds };
  }

  async function currentAccountClient(operation: string): Promise<AccountClient> {
    const token = readAccountToken();
    if (token === '') {
      throw new PostmarkGatewayError({
        code: 'postmark.unauthorized',
        message: `Could not ${operation}: no Postmark account token is set.`,
        hint: HINTS.accountToken,
        retryable: false,
        postmarkCode: 0,
        httpStatus: 0,
        operation,
        inactiveRecipients: [],
      });
    }
    const { AccountClient, fetch } = await (postmark ??= loadPostmark());
    if (accountClient?.token !== token) accountClient = { token, client: new AccountClient(token, { ...clientOptions, fetch }) };
    return accountClient.client;
  }

  async function serverClient(token: string): Promise<ServerClient> {
    let client = serverClients.get(token);
    if (!client) {
      const { ServerClient, fetch } = await (postmark ??= loadPostmark());
      client = serverClients.get(token) ?? new ServerClient(token, { ...clientOptions, fetch });
      serverClients.set(token, client);
    }
    return client;
  }

  async function run<T>(ctx: () => FailureContext, attempt: () => Promise<T>, mode: RetryMode): Promise<T> {
    return withRetry(
      async () => {
        let result: T;
        try {
          result = await attempt();
        } catch (err) {
          throw mapClientFailure(err, ctx());
        }
        // postmark.js returns a non-JSON body as text: an HTML page (a proxy's, say) is not an answer.
        if (typeof result === 'string') throw endpointFailure(ctx().operation, 'the answer was not JSON, e.g. an HTML page');
        return result;
      },
      {
        policy,
        sleep,
        random,
        shouldRetry: (err) => err instanceof PostmarkGatewayError && err.retryable && (mode === 'all' || err.httpStatus === 429 || err.httpStatus === 503),
        ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
      },
    );
  }

  return {
    failureContext,
    account(operation, attempt, mode = 'all') {
      return run(
        () => failureContext(operation, 'account'),
        async () => attempt(await currentAccountClient(operation)),
        mode,
      );
    },
    server(serverToken, operation, attempt, mode = 'all') {
      if (serverToken.trim() === '') {
        return Promise.reject(
          new PostmarkGatewayError({
            code: 'postmark.unauthorized',
            message: `Could not ${operation}: no server token is known for this server.`,
            hint: HINTS.serverToken,
            retryable: false,
            postmarkCode: 0,
            httpStatus: 0,
            operation,
            inactiveRecipients: [],
          }),
        );
      }
      return run(
        () => failureContext(operation, 'server', serverToken),
        async () => attempt(await serverClient(serverToken)),
        mode,
      );
    },
  };
}
