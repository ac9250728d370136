import { randomUUID } from 'node:crypto';
import { domainOf, parseMailbox, splitAddressList, type ParsedAddress } from './addresses';
import { asObject, get, getBool, getString, type JsonObject } from './body';
import { postmarkTimestamp } from './dates';
import { eventsFor } from './message-events';
import type { SimEnv } from './router';
import { invalid, SimError } from './sim-error';
import { QUEUED_FOR_MS, simNow, type SimMessage, type SimServer } from './state';

const MAX_RECIPIENTS = 50;
const STREAMS = ['outbound', 'broadcast'];

export interface SendResult {
  To: string;
  SubmittedAt: string;
  MessageID: string;
  ErrorCode: 0;
  Message: string;
}

/**
 * One message through Postmark's checks, in Postmark's order: shape, addresses, body, stream, the From
 * authorisation (confirmed signature or DKIM-verified domain), then inactive recipients. Throws SimError.
 */
export function acceptMessage(env: SimEnv, server: SimServer, raw: unknown): SendResult {
  const input = asObject(raw, 403, 'email');
  const from = parseOne(getString(input, 'From', 300) ?? '', 'From');
  const to = parseList(input, 'To');
  const cc = parseList(input, 'Cc');
  const bcc = parseList(input, 'Bcc');
  if (to.length === 0) throw invalid(300, "Invalid 'To' address: ''.");
  const everyone = [...to, ...cc, ...bcc];
  if (everyone.length > MAX_RECIPIENTS) throw invalid(300, `You may not send to more than ${MAX_RECIPIENTS} recipients.`);
  const textBody = getString(input, 'TextBody', 300) ?? '';
  const htmlBody = getString(input, 'HtmlBody', 300) ?? '';
  if (textBody === '' && htmlBody === '') throw invalid(300, 'Provide either email TextBody or HtmlBody or both.');
  const stream = (getString(input, 'MessageStream', 300) ?? 'outbound').toLowerCase();
  if (stream === 'inbound') throw invalid(1236, "Sending is not supported on the 'inbound' message stream.");
  if (!STREAMS.includes(stream)) throw invalid(1235, `The message stream '${stream}' does not exist on this server.`);
  authoriseFrom(env, from.Email);

  const inactive = everyone.map((r) => r.Email).filter((email) => env.state.inactive.has(email.toLowerCase()));
  if (inactive.length === everyone.length) {
    throw invalid(
      406,
      'You tried to send to recipient(s) that have been marked as inactive. ' +
        `Found inactive addresses: ${inactive.join(', ')}. ` +
        'Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.',
    );
  }
  refuseUnapproved(env, everyone);
  const now = new Date(simNow(env.state));
  const message: SimMessage = {
    MessageID: randomUUID(),
    serverId: server.ID,
    From: getString(input, 'From', 300) ?? '',
    To: to,
    Cc: cc,
    Bcc: bcc,
    Subject: getString(input, 'Subject', 300) ?? '',
    Tag: getString(input, 'Tag', 300) ?? '',
    Metadata: readMetadata(input),
    Headers: readHeaders(input),
    MessageStream: stream,
    TextBody: textBody,
    HtmlBody: htmlBody,
    Attachments: readAttachmentNames(input),
    TrackOpens: getBool(input, 'TrackOpens', 300) ?? server.TrackOpens,
    TrackLinks: getString(input, 'TrackLinks', 300) ?? server.TrackLinks,
    ReceivedAt: postmarkTimestamp(now),
    Sandboxed: server.DeliveryType === 'Sandbox',
    MessageEvents: [],
    acceptedAtMs: now.getTime(),
  };
  if (!message.Sandboxed) {
    const active = everyone.filter((r) => !inactive.includes(r.Email));
    // Events come after indexing and the Queued phase (decided now, shown when the clock gets there).
    const sentAt = new Date(now.getTime() + env.state.searchLagMs + QUEUED_FOR_MS);
    message.MessageEvents = active.flatMap((r) => eventsFor(env.state, r.Email, sentAt));
  }
  env.state.messages.push(message);
  return {
    To: getString(input, 'To', 300) ?? '',
    SubmittedAt: message.ReceivedAt,
    MessageID: message.MessageID,
    ErrorCode: 0,
    Message: inactive.length === 0 ? 'OK' : `Message OK, but will not deliver to these inactive addresses: ${inactive.join(', ')}.`,
  };
}

function authoriseFrom(env: SimEnv, fromEmail: string): void {
  const domain = env.state.domains.find((d) => d.Name === domainOf(fromEmail));
  if (domain?.DKIMVerified) return;
  const signature = env.state.senders.find((s) => s.EmailAddress.toLowerCase() === fromEmail.toLowerCase());
  if (signature?.Confirmed) return;
  if (signature) {
    throw invalid(
      401,
      `The 'From' address you supplied (${fromEmail}) has not been confirmed yet. ` +
        'Please confirm the sender signature by clicking the link in the confirmation email before sending.',
    );
  }
  throw invalid(
    400,
    `The 'From' address you supplied (${fromEmail}) is not a Sender Signature on your account. ` +
      "Please add and confirm this address in order to be able to use it in the 'From' field of your messages.",
  );
}

function parseOne(raw: string, field: string): ParsedAddress {
  const parsed = parseMailbox(raw);
  if (!parsed) throw invalid(300, `Invalid '${field}' address: '${raw}'.`);
  return parsed;
}

function parseList(input: JsonObject, field: string): ParsedAddress[] {
  const raw = getString(input, field, 300) ?? '';
  return splitAddressList(raw).map((part) => parseOne(part, field));
}

function readMetadata(input: JsonObject): Record<string, string> {
  const raw = get(input, 'Metadata');
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid(403, "The field 'Metadata' must be an object.");
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** Postmark's `Headers`: a list of {Name, Value}; kept as given (the receiving mailbox sees them). */
function readHeaders(input: JsonObject): { Name: string; Value: string }[] {
  const raw = get(input, 'Headers');
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((h): h is Record<string, unknown> => h !== null && typeof h === 'object')
    .map((h) => ({ Name: String(h.Name ?? ''), Value: String(h.Value ?? '') }));
}

function readAttachmentNames(input: JsonObject): string[] {
  const raw = get(input, 'Attachments');
  if (!Array.isArray(raw)) return [];
  return raw.map((a) => (a && typeof a === 'object' ? String((a as Record<string, unknown>).Name ?? '') : ''));
}

/** Batch items answer `{ErrorCode, Message}` on failure instead of failing the whole request. */
export function acceptBatchItem(env: SimEnv, server: SimServer, raw: unknown): SendResult | { ErrorCode: number; Message: string } {
  try {
    return acceptMessage(env, server, raw);
  } catch (err) {
    if (err instanceof SimError) return { ErrorCode: err.errorCode, Message: err.message };
    throw err;
  }
}

/**
 * An account pending approval may send only to addresses at its own domains (ErrorCode 412, Postmark support
 * docs). "Own" is taken as any domain or sender-signature domain in the account (assumed: the docs say "your domain").
 */
function refuseUnapproved(env: SimEnv, recipients: readonly { Email: string }[]): void {
  if (env.state.accountApproved) return;
  const own = new Set([...env.state.domains.map((d) => d.Name.toLowerCase()), ...env.state.senders.map((s) => domainOf(s.EmailAddress).toLowerCase())]);
  const outside = recipients.filter((r) => !own.has(domainOf(r.Email).toLowerCase()));
  if (outside.length > 0) {
    throw invalid(
      412,
      `Your account is pending approval: while it is, you may only send to addresses at your own domains (${outside.map((r) => r.Email).join(', ')} is not).`,
    );
  }
}
