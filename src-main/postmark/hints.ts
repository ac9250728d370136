/**
 * What a person should do about each Postmark ErrorCode, in the words of this console's three options:
 * option 1 authenticated customer domain, option 2 confirmed sender signature, option 3 vendor domain.
 */
const BY_ERROR_CODE: Record<number, string> = {
  300: 'Check the From and To addresses (valid, at most 50 recipients) and that the message has a text or HTML body.',
  400: "The From address is not a confirmed sender signature: use option 2's confirmation (add and confirm that exact address) or option 1's domain (verify DKIM for the From domain).",
  401: "The sender signature is not confirmed yet: ask the customer to click the link in Postmark's confirmation email, or resend the confirmation.",
  405: 'The Postmark account is not allowed to send (approval or credits): check the account in Postmark.',
  406: 'These recipients are inactive (hard bounce, spam complaint or manual suppression): reactivate them in Postmark only if you know the address now works.',
  410: 'Send at most 500 messages per batch.',
  412: 'The Postmark account is pending approval: until Postmark approves it, you can only send to addresses on your own domains.',
  413: 'The Postmark account may not send yet: finish account approval in Postmark.',
  500: 'Behalf asked for a list page Postmark refused: this is a bug in Behalf, please report it.',
  501: 'The sender signature no longer exists in Postmark (deleted outside Behalf?): run `behalf sync` to refresh the ledger.',
  503: "Public mailbox domains (gmail.com, outlook.com, …) can't be verified with Postmark: use option 3 (a custom From name on the vendor's domain).",
  504: 'This sender signature already exists in Postmark: reconcile (`behalf sync`) to adopt it instead of creating another.',
  505: 'A DKIM rotation is already pending: publish the pending DKIM record and verify it before rotating again.',
  506: 'This sender signature is already confirmed: there is nothing to resend.',
  510: 'The domain no longer exists in Postmark (deleted outside Behalf?): run `behalf sync` to refresh the ledger.',
  512: 'This domain already exists in the Postmark account: reconcile (`behalf sync`) to adopt it instead of creating another.',
  520: 'A required field is missing: a sender signature needs a From address and a name.',
  521: 'A field is too long: the confirmation personal note is limited to 400 characters.',
  522: 'A value is not valid: the Return-Path domain must sit under the domain (e.g. pm-bounces.example.com for example.com), and addresses must be well-formed.',
  523: 'The Return-Path CNAME was not found: publish the CNAME to pm.mtasv.net and verify again once DNS has updated.',
  600: 'Behalf asked for a list page Postmark refused: this is a bug in Behalf, please report it.',
  601: 'The server no longer exists in Postmark (deleted outside Behalf?): run `behalf sync` to refresh the ledger.',
  603: 'A server with this name already exists in Postmark: reconcile (`behalf sync`) to adopt it, or choose another name.',
  604: 'Deleting servers is not enabled on this Postmark account: ask Postmark support to enable it, or delete the server in the Postmark UI.',
  606: 'A webhook URL is not valid: use a full http(s) URL.',
  607: 'The server colour is not one Postmark knows (Purple, Blue, Turquoise, Green, Red, Yellow, Grey, Orange).',
  608: 'The server needs a name.',
  614: 'The Postmark plan limit is reached: upgrade the plan or remove unused servers, domains or signatures.',
  700: 'Behalf asked for a message page Postmark refused: this is a bug in Behalf, please report it.',
  701: 'Postmark has no such message on this server (it may be older than the retention period).',
  1235: "The message stream does not exist on this server: send on 'outbound' or create the stream in Postmark.",
  1236: 'This message stream cannot send (inbound streams only receive).',
};

export function hintForErrorCode(code: number): string | undefined {
  return BY_ERROR_CODE[code];
}

export const HINTS = {
  accountToken: 'Check the Postmark account token in Settings (Postmark → API Tokens → Account API token); a Server token will not work here.',
  serverToken: 'The server token Behalf holds for this tenant was refused: run `behalf sync` to re-fetch it from Postmark.',
  rateLimited: 'Postmark is rate-limiting requests: Behalf retries with backoff; if it persists, wait a minute and try again.',
  unavailable: 'Postmark is unavailable or in maintenance (see status.postmarkapp.com): queued changes retry automatically.',
  serverError: 'Postmark had an internal error: queued changes retry automatically; try again later.',
  offline: 'Postmark cannot be reached: check the network or proxy. Queued changes run once it is reachable.',
  timeout: (seconds: number) => `Postmark did not answer within ${seconds} s: queued changes retry automatically.`,
  notFound: 'The object no longer exists in Postmark: run `behalf sync` to refresh the ledger.',
  endpoint:
    'Postmark did not answer this: check the API URL (BEHALF_POSTMARK_URL, default https://api.postmarkapp.com) and any proxy in between. Nothing was changed in the ledger; queued work waits.',
  invalid: 'Postmark refused the request: check the values and try again.',
} as const;
