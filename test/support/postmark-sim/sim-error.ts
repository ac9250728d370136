/**
 * A refusal the simulator answers with Postmark's error body `{ErrorCode, Message}`.
 * Most validation errors are HTTP 422 with a specific ErrorCode, as on the live API.
 */
export class SimError extends Error {
  readonly status: number;
  readonly errorCode: number;
  constructor(status: number, errorCode: number, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

export function invalid(errorCode: number, message: string): SimError {
  return new SimError(422, errorCode, message);
}

/** Entity lookups by a wrong ID: 422 with the area's "not found" code (501, 510, 601, 701). */
export function notFound(errorCode: number, message: string): SimError {
  return new SimError(422, errorCode, message);
}

export interface SimReply {
  status: number;
  body: unknown;
}

export function ok(body: unknown): SimReply {
  return { status: 200, body };
}
