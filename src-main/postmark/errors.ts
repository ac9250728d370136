import { BehalfError } from '../../src-preload/api/errors';

/** Stable codes a PostmarkGatewayError can carry (the UI and the outbox switch on these). */
export type PostmarkErrorCode =
  | 'postmark.unauthorized'
  | 'postmark.rate-limited'
  | 'postmark.unavailable'
  | 'postmark.server-error'
  | 'postmark.offline'
  | 'postmark.timeout'
  | 'postmark.not-found'
  | 'postmark.endpoint'
  | 'postmark.unexpected-answer'
  | 'postmark.already-exists'
  | 'postmark.inactive-recipients'
  | 'postmark.invalid';

export interface PostmarkErrorDetails {
  code: PostmarkErrorCode;
  message: string;
  hint: string;
  retryable: boolean;
  /** Postmark's ErrorCode (0 when none, e.g. network failures). */
  postmarkCode: number;
  /** HTTP status (0 when no answer arrived). */
  httpStatus: number;
  /** What Behalf was doing, e.g. "create the server 'Acme'". */
  operation: string;
  /** Addresses Postmark reported inactive (ErrorCode 406), else empty. */
  inactiveRecipients: string[];
}

/**
 * Every failure that comes out of the gateway. Messages never contain tokens. `toJSON()` is what the outbox
 * persists as `last_error_json`; `toShape()` (from BehalfError) is what crosses a door.
 */
export class PostmarkGatewayError extends BehalfError {
  readonly retryable: boolean;
  readonly postmarkCode: number;
  readonly httpStatus: number;
  readonly operation: string;
  readonly inactiveRecipients: string[];

  constructor(details: PostmarkErrorDetails) {
    super(details.code, details.message, details.hint);
    this.name = 'PostmarkGatewayError';
    this.retryable = details.retryable;
    this.postmarkCode = details.postmarkCode;
    this.httpStatus = details.httpStatus;
    this.operation = details.operation;
    this.inactiveRecipients = details.inactiveRecipients;
  }

  get postmarkErrorCode(): PostmarkErrorCode {
    return this.code as PostmarkErrorCode;
  }

  toJSON(): PostmarkErrorDetails {
    return {
      code: this.postmarkErrorCode,
      message: this.message,
      hint: this.hint ?? '',
      retryable: this.retryable,
      postmarkCode: this.postmarkCode,
      httpStatus: this.httpStatus,
      operation: this.operation,
      inactiveRecipients: [...this.inactiveRecipients],
    };
  }

  static fromJSON(details: PostmarkErrorDetails): PostmarkGatewayError {
    return new PostmarkGatewayError(details);
  }
}

export function isPostmarkGatewayError(err: unknown): err is PostmarkGatewayError {
  return err instanceof PostmarkGatewayError;
}
