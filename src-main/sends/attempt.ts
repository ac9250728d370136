import type { PostmarkGateway } from '../postmark/gateway';
import { PostmarkGatewayError } from '../postmark/errors';
import type { PostmarkMessage } from '../postmark/types';
import type { ServerTokenSource } from '../postmark/outbox/server-tokens';
import { afterMiss, type ConfirmPolicy, type ConfirmStep, type LostAnswer } from './confirm';
import type { RecipientOutcome, StoredRecipient, StoredSend } from './send-store';
import { formatSendDate, renderTemplate } from './templates';
import { TEST_HEADER, testToken } from './seed-mailbox/test-token';

export const SEND_TAG = 'behalf-test';

export interface AttemptDeps {
  gateway: PostmarkGateway;
  tokens: ServerTokenSource;
}

export interface AttemptContext {
  tenant: { id: string; name: string; domain: string };
  /** Set when an earlier attempt's answer was lost: Postmark may already hold those messages. */
  lost: LostAnswer | null;
  now: Date;
  confirm: ConfirmPolicy;
  /** Called just before the messages go to Postmark (a failure after this may mean they were accepted). */
  onSending?: () => void;
}

export interface AttemptResult {
  outcomes: Map<number, RecipientOutcome>;
  /** Still confirming with Postmark: nothing was sent, look again at `until`. */
  wait?: Extract<ConfirmStep, { kind: 'wait' }>;
}

/** One message per seed, so every seed gets its own MessageID, ErrorCode and events. */
export function messageFor(send: StoredSend, r: StoredRecipient, tenant: AttemptContext['tenant']): PostmarkMessage {
  // {{date}} is the send's creation time, so a retry renders the very same message.
  const values = {
    tenant: { name: tenant.name, domain: tenant.domain },
    seed: { provider: r.provider, address: r.address },
    date: formatSendDate(new Date(send.createdAt)),
  };
  return {
    From: send.from,
    To: r.address,
    Subject: renderTemplate(send.subject, values),
    TextBody: renderTemplate(send.textBody, values),
    Tag: SEND_TAG,
    Metadata: { tenant_id: tenant.id, behalf_send: send.sendKey },
    // Finds this seed's copy in its mailbox later (IMAP SEARCH HEADER); Postmark passes custom headers through.
    Headers: [{ Name: TEST_HEADER, Value: testToken(send.sendKey, r.id) }],
    MessageStream: 'outbound',
    ...(send.replyTo ? { ReplyTo: send.replyTo } : {}),
  };
}

export function outcomeFromError(error: PostmarkGatewayError): RecipientOutcome {
  const inactive = error.postmarkCode === 406 || error.code === 'postmark.inactive-recipients';
  return { state: inactive ? 'inactive' : 'failed', errorCode: error.postmarkCode, message: error.message, hint: error.hint ?? '', inactive };
}

/**
 * Sends the send's still-queued recipients once. Returns each recipient's outcome. Throws a retryable
 * PostmarkGatewayError when the whole request failed (offline, timeout, 5xx): the caller queues the send.
 * The gateway itself already backs off on 429/503 (sends never retry a timeout inside one attempt: the mail may
 * have gone). After a lost answer the attempt first adopts what Postmark accepted, found by the send key in
 * Metadata, and re-sends the rest only once `afterMiss` says two spaced searches past the window missed it.
 */
export async function attemptSend(deps: AttemptDeps, send: StoredSend, ctx: AttemptContext): Promise<AttemptResult> {
  const outcomes = new Map<number, RecipientOutcome>();
  let pending = send.recipients.filter((r) => r.state === 'queued');
  if (pending.length === 0) return { outcomes };
  let token = await deps.tokens.tokenFor(send.serverId);

  if (ctx.lost) {
    const page = await deps.gateway.getOutboundMessages(token, { count: 500, tag: SEND_TAG, metadata: { behalf_send: send.sendKey } });
    for (const m of page.messages) {
      const recipients = (m.Recipients ?? m.To?.map((t) => t.Email) ?? []).map((a) => a.toLowerCase());
      const match = pending.find((r) => recipients.includes(r.address.toLowerCase()));
      if (!match) continue;
      outcomes.set(match.id, {
        state: 'sent',
        messageId: m.MessageID,
        submittedAt: m.ReceivedAt,
        errorCode: 0,
        message: 'OK (found in Postmark after a lost answer)',
      });
      pending = pending.filter((r) => r !== match);
    }
    if (pending.length === 0) return { outcomes };
    const step = afterMiss(ctx.lost, ctx.now, ctx.confirm);
    if (step.kind === 'wait') return { outcomes, wait: step };
  }
  ctx.onSending?.();

  const messages = pending.map((r) => messageFor(send, r, ctx.tenant));
  const run = async () => {
    if (pending.length === 1) {
      try {
        const res = await deps.gateway.sendEmail(token, messages[0]!);
        return [{ ok: true as const, ...res }];
      } catch (err) {
        // A single message refused for a per-message reason is that seed's result, not a failed attempt.
        if (err instanceof PostmarkGatewayError && !err.retryable && err.code !== 'postmark.unauthorized') return [{ ok: false as const, error: err }];
        throw err;
      }
    }
    return deps.gateway.sendBatch(token, messages);
  };

  let results;
  try {
    results = await run();
  } catch (err) {
    // A rotated server token: fetch the current one from Postmark once, then try again.
    if (!(err instanceof PostmarkGatewayError) || err.code !== 'postmark.unauthorized') throw err;
    token = await deps.tokens.tokenFor(send.serverId, { refresh: true });
    results = await run();
  }

  pending.forEach((r, i) => {
    const item = results[i];
    if (!item) {
      outcomes.set(r.id, {
        state: 'failed',
        errorCode: null,
        message: 'Postmark returned fewer results than messages sent.',
        hint: 'Refresh events to see whether it arrived.',
      });
    } else if (item.ok) {
      const inactive = item.inactiveRecipients.some((a) => a.toLowerCase() === r.address.toLowerCase());
      outcomes.set(r.id, {
        state: inactive ? 'inactive' : 'sent',
        messageId: item.messageId,
        submittedAt: item.submittedAt,
        errorCode: 0,
        message: inactive ? `Accepted, but Postmark will not deliver to ${r.address} (inactive).` : 'OK',
        inactive,
      });
    } else {
      outcomes.set(r.id, outcomeFromError(item.error));
    }
  });
  return { outcomes };
}
