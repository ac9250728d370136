import { toApiError, type ApiErrorShape } from '../../src-preload/api/errors';

/** The failed half of a reply envelope: the one `{ ok: false, error: { code, message, hint? } }` every door sends. */
export interface ErrorReply {
  ok: false;
  error: ApiErrorShape;
}

/** A refusal written by a door or dispatch itself (unknown method, untrusted frame, bad origin…). */
export function errorReply(code: string, message: string, hint?: string): ErrorReply {
  return { ok: false, error: { code, message, ...(hint ? { hint } : {}) } };
}

/** Any thrown value as a reply: a BehalfError keeps its code and hint, anything else becomes `internal`. */
export function errorReplyFrom(err: unknown): ErrorReply {
  return { ok: false, error: toApiError(err) };
}
