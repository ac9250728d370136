import { z } from 'zod';
import { PostmarkGatewayError } from './errors';

/**
 * The shape of every Postmark answer Behalf reads, in one place: the gateway checks each answer against these,
 * and the live contract suite (test/live, `npm run test:live`) checks the real API against the very same
 * schemas. Loose objects: only the fields Behalf uses are required; anything else Postmark adds passes through.
 */
const int = z.number().int();
const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();

export const serverAnswer = z.looseObject({ ID: int, Name: str, ApiTokens: z.array(str).optional(), Color: optStr, DeliveryType: optStr, ServerLink: optStr });
export const serverListAnswer = z.looseObject({ TotalCount: int, Servers: z.array(serverAnswer) });

export const domainAnswer = z.looseObject({ ID: int, Name: str });
export const domainListAnswer = z.looseObject({ TotalCount: int, Domains: z.array(domainAnswer) });
export const domainDetailsAnswer = domainAnswer.extend({
  DKIMVerified: optBool,
  DKIMHost: optStr,
  DKIMTextValue: optStr,
  DKIMPendingHost: optStr,
  DKIMPendingTextValue: optStr,
  DKIMRevokedHost: optStr,
  DKIMRevokedTextValue: optStr,
  SafeToRemoveRevokedKeyFromDNS: optBool,
  DKIMUpdateStatus: optStr,
  ReturnPathDomain: optStr,
  ReturnPathDomainVerified: optBool,
  ReturnPathDomainCNAMEValue: optStr,
});

export const signatureAnswer = z.looseObject({ ID: int, EmailAddress: str, Confirmed: z.boolean() });
export const signatureListAnswer = z.looseObject({ TotalCount: int, SenderSignatures: z.array(signatureAnswer) });
export const signatureDetailsAnswer = signatureAnswer.extend({ Name: optStr, ReplyToEmailAddress: optStr, ReturnPathDomain: optStr });

export const defaultAnswer = z.looseObject({ ErrorCode: int, Message: str });
export const sendAnswer = z.looseObject({ MessageID: str, SubmittedAt: str, To: optStr, ErrorCode: int, Message: optStr });
export const batchAnswer = z.array(z.looseObject({ ErrorCode: int, Message: str, MessageID: optStr, SubmittedAt: optStr, To: optStr }));

const messageSummary = z.looseObject({
  MessageID: str,
  Status: str,
  ReceivedAt: str,
  Recipients: z.array(str).optional(),
  To: z.array(z.looseObject({ Email: str })).optional(),
  Metadata: z.record(str, z.unknown()).nullish(),
});
export const outboundPageAnswer = z.looseObject({ TotalCount: z.union([int, str]), Messages: z.array(messageSummary) });
export const messageDetailsAnswer = messageSummary.extend({
  MessageEvents: z.array(z.looseObject({ Recipient: str, Type: str, ReceivedAt: str, Details: z.unknown() })),
});

/** An answer that does not have the shape Behalf relies on: refused here rather than half-read later. */
export function expectShape<T>(schema: z.ZodType, operation: string, value: T): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  const where = parsed.error.issues[0]?.path.join('.') || 'the answer';
  throw new PostmarkGatewayError({
    code: 'postmark.unexpected-answer',
    message: `Could not ${operation}: Postmark answered in an unexpected shape (at ${where}).`,
    hint: 'Check the API URL points at Postmark; if it does, Postmark may have changed this answer: run `npm run test:live` and report it.',
    retryable: false,
    postmarkCode: 0,
    httpStatus: 200,
    operation,
    inactiveRecipients: [],
  });
}
