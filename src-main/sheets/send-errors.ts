import { BehalfError } from '../../src-preload/api/errors';
import type { PostmarkGatewayError } from '../postmark/errors';

/** Failures where the request most likely never reached Postmark or was refused before it acted. */
const REFUSED = new Set(['postmark.rate-limited', 'postmark.unavailable', 'postmark.server-error']);
/** Failures where the connection broke: Postmark may or may not have accepted the mail. */
const UNCERTAIN = new Set(['postmark.offline', 'postmark.timeout']);

export interface SendContext {
  serverId: number;
  from: string;
  to: string;
  /** 'token': while reading the server token (account API); 'send': while sending (server API). */
  stage: 'token' | 'send';
}

export type SendFailure = { error: BehalfError; outcome: 'not-sent' | 'unknown' };

/**
 * A gateway failure in the words of "send this sheet from the vendor's server". The gateway's own hints speak
 * of tenants' options (option 1 domain, option 2 signature); here the From is the vendor's, set in Settings.
 * Outages are not queued (see sheet-send.ts): the message says plainly whether anything may have gone out.
 */
export function sendFailure(err: PostmarkGatewayError, ctx: SendContext): SendFailure {
  const settings = 'Settings → Sheets by email';
  if (REFUSED.has(err.code)) {
    return {
      outcome: 'not-sent',
      error: new BehalfError(
        'sheet.send-postmark-down',
        `Nothing was sent to ${ctx.to}: ${err.message}`,
        'Postmark refused the request for now (busy or in maintenance, see status.postmarkapp.com). Try again in a few minutes; the sheet is not queued.',
      ),
    };
  }
  if (UNCERTAIN.has(err.code)) {
    // A refused or unresolvable connection never reached Postmark; a break mid-request might have.
    const before = ctx.stage === 'token' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(err.message);
    return {
      outcome: before ? 'not-sent' : 'unknown',
      error: new BehalfError(
        'sheet.send-offline',
        before ? `Nothing was sent to ${ctx.to}: ${err.message}` : `The sheet may not have reached Postmark: ${err.message}`,
        before
          ? 'Check the network or proxy, then send again; the sheet is not queued.'
          : `The connection broke while sending: the email was most likely not sent, but if Postmark received it before the break it is on its way. Check Activity of server ${ctx.serverId} in Postmark (tag dns-sheet) before sending again.`,
      ),
    };
  }
  if (err.code === 'postmark.unauthorized') {
    return {
      outcome: 'not-sent',
      error: new BehalfError(
        'sheet.send-unauthorized',
        `Nothing was sent: ${err.message}`,
        ctx.stage === 'token'
          ? "Set a valid Postmark account token in Settings (Account → API Tokens in Postmark): Behalf reads the sheet server's token with it."
          : `Postmark refused the token of server ${ctx.serverId}; check "Server for sheets" in ${settings} and that the account token in Settings belongs to the same Postmark account.`,
      ),
    };
  }
  if (err.code === 'postmark.endpoint') {
    return {
      outcome: 'not-sent',
      error: new BehalfError('sheet.send-endpoint', `Nothing was sent to ${ctx.to}: ${err.message}`, err.hint ?? 'Check the Postmark API URL and any proxy.'),
    };
  }
  if (err.code === 'postmark.not-found' && ctx.stage === 'token') {
    return {
      outcome: 'not-sent',
      error: new BehalfError(
        'sheet.send-no-server',
        `Nothing was sent: Postmark has no server ${ctx.serverId} in this account (${err.message}).`,
        `Check "Server for sheets" in ${settings}: use the ID of the vendor's own Postmark server (Servers → the server → its URL has the ID).`,
      ),
    };
  }
  if (err.postmarkCode === 400 || err.postmarkCode === 401) {
    const why = err.postmarkCode === 401 ? 'is a sender signature that is not confirmed yet' : 'is not a confirmed sender signature nor on a verified domain';
    return {
      outcome: 'not-sent',
      error: new BehalfError(
        'sheet.send-from-not-confirmed',
        `Nothing was sent: the From address ${ctx.from} ${why} in Postmark (ErrorCode ${err.postmarkCode}).`,
        `Use an address on the vendor's domain verified in Postmark (DKIM) as "From address for sheets" in ${settings}, or confirm ${ctx.from} as a sender signature (click the link Postmark mailed to it).`,
      ),
    };
  }
  if (err.code === 'postmark.inactive-recipients') {
    return {
      outcome: 'not-sent',
      error: new BehalfError(
        'sheet.send-inactive',
        `Nothing was sent: Postmark marks ${ctx.to} inactive (an earlier hard bounce, spam complaint or suppression).`,
        'Ask for another address, or reactivate this one in Postmark only if you know it works now.',
      ),
    };
  }
  return {
    outcome: 'not-sent',
    error: new BehalfError('sheet.send-refused', `Nothing was sent: ${err.message}`, err.hint ?? 'Check the address and Settings, then try again.'),
  };
}
