import { PostmarkGatewayError, type PostmarkErrorCode } from './errors';
import { HINTS, hintForErrorCode } from './hints';
import { parseInactiveRecipients } from './inactive';

export interface FailureContext {
  operation: string;
  /** Which token the call used: decides the hint for ErrorCode 10. */
  auth: 'account' | 'server';
  /** Every token in play; each is scrubbed from messages. */
  tokens: readonly string[];
  timeoutSeconds: number;
}

/**
 * Postmark's own "no such object" ErrorCodes, always on a 422 with a JSON body (postmark.js integration tests,
 * API docs). Only these mean "gone": a bare 404 is a wrong path or a proxy page (see classify).
 */
export const NOT_FOUND_CODES = new Set([12, 501, 510, 601, 701, 1101, 1226]);
const EXISTS_CODES = new Set([504, 512, 603]);

/** Postmark itself said the object does not exist (422 + a not-found ErrorCode): the only failure that means "gone". */
export function isGoneInPostmark(err: unknown): boolean {
  return err instanceof PostmarkGatewayError && err.code === 'postmark.not-found' && err.httpStatus === 422 && NOT_FOUND_CODES.has(err.postmarkCode);
}

/** What postmark.js throws: every error carries `code` (ErrorCode) and `statusCode` (HTTP, 0 if none). */
interface ClientError {
  message: string;
  code: number;
  statusCode: number;
  recipients?: unknown;
}

function isClientError(err: unknown): err is ClientError {
  return err instanceof Error && typeof (err as Partial<ClientError>).statusCode === 'number' && typeof (err as Partial<ClientError>).code === 'number';
}

/**
 * Any failure of an official-client call → PostmarkGatewayError. Errors that did not come from the client
 * (programming errors) are re-thrown untouched so they are not mistaken for Postmark being down.
 */
export function mapClientFailure(err: unknown, ctx: FailureContext): PostmarkGatewayError {
  if (err instanceof PostmarkGatewayError) return err;
  if (!isClientError(err)) throw err;
  if (err.statusCode === 0 && err.code === 0) return networkFailure(err.message, ctx);
  const mapped = mapErrorCode(err.statusCode, err.code, err.message, ctx);
  if (Array.isArray(err.recipients) && err.recipients.length > 0 && mapped.inactiveRecipients.length === 0) {
    return new PostmarkGatewayError({ ...mapped.toJSON(), inactiveRecipients: err.recipients.map(String) });
  }
  return mapped;
}

/** An HTTP status + ErrorCode + Postmark message (also used for failed batch items, which arrive as 200). */
export function mapErrorCode(httpStatus: number, postmarkCode: number, postmarkMessage: string, ctx: FailureContext): PostmarkGatewayError {
  // postmark.js puts this text in when the body had no `Message`: the answer was not Postmark's JSON.
  const fromPostmark = postmarkCode > 0 || !/^Request returned status code \d+$/.test(postmarkMessage.trim());
  const [code, retryable, fallbackHint] = classify(httpStatus, postmarkCode, ctx, fromPostmark);
  const detail = redact(postmarkMessage, ctx.tokens).trim() || `HTTP ${httpStatus}`;
  const suffix = postmarkCode > 0 ? ` (ErrorCode ${postmarkCode})` : ` (HTTP ${httpStatus})`;
  return new PostmarkGatewayError({
    code,
    message: `Could not ${ctx.operation}: ${detail}${suffix}`,
    hint: (httpStatus === 401 || code === 'postmark.endpoint' ? undefined : hintForErrorCode(postmarkCode)) ?? fallbackHint,
    retryable,
    postmarkCode,
    httpStatus,
    operation: ctx.operation,
    inactiveRecipients: postmarkCode === 406 ? parseInactiveRecipients(postmarkMessage) : [],
  });
}

function classify(status: number, code: number, ctx: FailureContext, fromPostmark: boolean): [PostmarkErrorCode, boolean, string] {
  if (status === 401 || code === 10) {
    return ['postmark.unauthorized', false, ctx.auth === 'account' ? HINTS.accountToken : HINTS.serverToken];
  }
  if (status === 429) return ['postmark.rate-limited', true, HINTS.rateLimited];
  if (status === 500) return ['postmark.server-error', true, HINTS.serverError];
  // 502/504 come from proxies in front of Postmark: as transient as a 503.
  if (status === 503 || status === 502 || status === 504) return ['postmark.unavailable', true, HINTS.unavailable];
  if (NOT_FOUND_CODES.has(code) && status === 422) return ['postmark.not-found', false, HINTS.notFound];
  // Postmark answers every refusal with JSON carrying an ErrorCode. A 404 (Postmark has no 404 for objects),
  // a redirect, or a 4xx without an ErrorCode came from something else: a wrong base URL or a proxy page.
  if (status === 404 || (status >= 300 && status < 400) || (status >= 400 && status < 500 && status !== 429 && !fromPostmark)) {
    return ['postmark.endpoint', false, HINTS.endpoint];
  }
  if (EXISTS_CODES.has(code)) return ['postmark.already-exists', false, HINTS.invalid];
  if (code === 406) return ['postmark.inactive-recipients', false, HINTS.invalid];
  if (status >= 500) return ['postmark.server-error', true, HINTS.serverError];
  return ['postmark.invalid', false, HINTS.invalid];
}

function networkFailure(clientMessage: string, ctx: FailureContext): PostmarkGatewayError {
  const timedOut = /timeout|timed out|aborted/i.test(clientMessage);
  return new PostmarkGatewayError({
    code: timedOut ? 'postmark.timeout' : 'postmark.offline',
    message: timedOut
      ? `Could not ${ctx.operation}: Postmark did not answer within ${ctx.timeoutSeconds} s.`
      : `Could not ${ctx.operation}: Postmark could not be reached (${redact(clientMessage, ctx.tokens)}).`,
    hint: timedOut ? HINTS.timeout(ctx.timeoutSeconds) : HINTS.offline,
    retryable: true,
    postmarkCode: 0,
    httpStatus: 0,
    operation: ctx.operation,
    inactiveRecipients: [],
  });
}

/**
 * A 2xx whose body is not JSON (an HTML login page after a proxy redirect, which fetch follows silently):
 * postmark.js hands the raw text back as the result. Never treat it as Postmark's answer.
 */
export function endpointFailure(operation: string, what: string): PostmarkGatewayError {
  return new PostmarkGatewayError({
    code: 'postmark.endpoint',
    message: `Could not ${operation}: Postmark did not answer this (${what}).`,
    hint: HINTS.endpoint,
    retryable: false,
    postmarkCode: 0,
    httpStatus: 0,
    operation,
    inactiveRecipients: [],
  });
}

/** Removes every known token from text that may reach a person or a log. */
export function redact(text: string, tokens: readonly string[]): string {
  let out = text;
  for (const token of tokens) {
    if (token.trim().length >= 4) out = out.split(token.trim()).join('[token]');
  }
  return out;
}
