import type { Attachment } from 'postal-mime';
import { parseHeaderBlock } from './read-email';

/** The machine-readable parts of an RFC 6591 failure report, found among an e-mail's parts. */
export interface FeedbackParts {
  /** The message/feedback-report part's fields (RFC 5965), lower-cased names. */
  fields: Map<string, string>;
  /** Headers of the message that failed (message/rfc822 or text/rfc822-headers part). */
  original?: Map<string, string>;
  /** The report e-mail's own headers (who sent the report). */
  outer: Map<string, string>;
}

/** Feedback parts are a few KB; anything far larger is not one, and only its start is read. */
const MAX_PART_BYTES = 256 * 1024;

const bounded = (a: Attachment) => {
  const bytes = typeof a.content === 'string' ? Buffer.from(a.content) : new Uint8Array(a.content);
  return bytes.subarray(0, MAX_PART_BYTES);
};

/**
 * The failure report in an e-mail, if it is one: the first message/feedback-report part's fields, and the
 * failed message's headers — a text/rfc822-headers part, or the message/rfc822 part after the feedback report
 * (postal-mime keeps a report's message/rfc822 parts whole rather than parsing them into the body).
 */
export async function feedbackParts(parts: readonly Attachment[], outer: Map<string, string>): Promise<FeedbackParts | undefined> {
  let fields: Map<string, string> | undefined;
  let original: Map<string, string> | undefined;
  for (const part of parts) {
    if (part.mimeType === 'message/feedback-report') fields ??= await parseHeaderBlock(bounded(part));
    else if (part.mimeType === 'text/rfc822-headers' || ((part.mimeType === 'message/rfc822' || part.mimeType === 'message/rfc822-headers') && fields)) {
      original ??= await parseHeaderBlock(bounded(part));
    }
  }
  return fields ? { fields, original, outer } : undefined;
}
