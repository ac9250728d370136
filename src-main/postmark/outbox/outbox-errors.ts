import { BehalfError } from '../../../src-preload/api/errors';
import { PostmarkGatewayError } from '../errors';
import type { JobError } from './types';

/** The object Postmark has is already linked to another tenant: adopting it would cross tenants. */
export function conflictError(kind: string, name: string, otherTenant: string): BehalfError {
  return new BehalfError(
    'outbox.conflict',
    `The Postmark ${kind} '${name}' is already linked to tenant ${otherTenant}.`,
    `Pick another ${kind} name for this tenant, or unlink it from the other tenant first.`,
  );
}

export function missingError(kind: string, ref: string): PostmarkGatewayError {
  return new PostmarkGatewayError({
    code: 'postmark.not-found',
    message: `Could not find the Postmark ${kind} '${ref}'.`,
    hint: 'It may not have been created yet, or was deleted outside Behalf: run `behalf sync`, then retry the job.',
    retryable: false,
    postmarkCode: 0,
    httpStatus: 0,
    operation: `find the ${kind} '${ref}'`,
    inactiveRecipients: [],
  });
}

/** Any thrown value → what the job row keeps in last_error_json. */
export function toJobError(err: unknown): JobError {
  if (err instanceof PostmarkGatewayError) return err.toJSON();
  if (err instanceof BehalfError) return { code: err.code, message: err.message, hint: err.hint ?? '', retryable: false };
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'outbox.internal',
    message: `The job failed inside Behalf: ${message}`,
    hint: 'This is a bug in Behalf: please report it. Retry the job once fixed, or cancel it.',
    retryable: false,
  };
}
