/** Public surface of the Postmark gateway (the outbox has its own index in ./outbox). */
export { createPostmarkGateway } from './gateway';
export type { PostmarkGateway, PostmarkGatewayOptions } from './gateway';
export type { RetryMode } from './call';
export { PostmarkGatewayError, isPostmarkGatewayError } from './errors';
export type { PostmarkErrorCode, PostmarkErrorDetails } from './errors';
export { DEFAULT_POSTMARK_ENDPOINT } from './endpoint';
export { DEFAULT_RETRY, backoffDelay } from './retry';
export type { RetryPolicy } from './retry';
export { parseInactiveRecipients } from './inactive';
export { withoutTokens } from './types';
export type * from './types';
