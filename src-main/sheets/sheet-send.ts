import { BehalfError } from '../../src-preload/api/errors';
import type { Settings } from '../../src-preload/api/settings';
import { emailSchema } from '../../src-preload/api/tenants';
import { isPostmarkGatewayError } from '../postmark/errors';
import type { PostmarkGateway } from '../postmark/gateway';
import { assertVendorIdentity } from '../settings/vendor-identity';
import { createServerTokenSource } from '../postmark/outbox/server-tokens';
import type { ServerTokenVault } from '../postmark/outbox/types';
import { checkSheetSending } from './send-check';
import { composeSheetEmail } from './sheet-email';
import type { SheetService } from './sheet-service';
import { sendFailure, type SendContext } from './send-errors';
import type { Paper, ProviderId } from './types';

export interface SheetSendDeps {
  sheets: Pick<SheetService, 'renderFormats'>;
  tenants: { record(id: string, action: string, detail?: string): void };
  settings: { get(): Settings };
  /** Read per send, so a changed endpoint or account token applies at once. */
  gateway: () => PostmarkGateway;
  vault: ServerTokenVault & { hasAccountToken(): boolean };
}

export interface SheetSendInput {
  id: string;
  to: string;
  note?: string;
  provider?: ProviderId;
  paper?: Paper;
}

export interface SheetSendResult {
  to: string;
  from: string;
  serverId: number;
  messageId: string;
  submittedAt: string;
  attachment: string;
}

/**
 * Emails a tenant's sheet to a teammate through the vendor's own Postmark server (Settings: sheetsServerId,
 * sheetsFromAddress). The server token comes from the vault or, once, from Postmark via the account token;
 * it is never returned, logged or put in an error.
 *
 * Outages are NOT queued: a person is waiting with the dialog open, a queued sheet would go out later with
 * the record statuses of now, and Postmark's send API has no idempotency key, so a retry after a broken
 * connection can deliver twice to a real person. The failure says clearly that nothing was sent (or that it
 * may have been, after a broken connection) and the person sends again; the dialog keeps what they typed.
 */
export function createSheetSender(deps: SheetSendDeps) {
  function configured(): { serverId: number; from: string } {
    const { sheetsServerId, sheetsFromAddress } = deps.settings.get();
    if (sheetsServerId === null || sheetsFromAddress === '') {
      throw new BehalfError(
        'sheet.send-not-configured',
        'Sending sheets by email is not set up: no Postmark server or From address for sheets.',
        "In Settings → Sheets by email, enter the ID of the vendor's own Postmark server and a From address on the vendor's verified domain.",
      );
    }
    return { serverId: sheetsServerId, from: sheetsFromAddress };
  }

  async function serverToken(ctx: SendContext, refresh: boolean): Promise<string> {
    if (!deps.vault.getServerToken(ctx.serverId) && !deps.vault.hasAccountToken()) {
      throw new BehalfError(
        'sheet.send-no-token',
        "Nothing was sent: no Postmark account token is set, so Behalf cannot read the sheet server's token.",
        'Set the Postmark account token in Settings (Account → API Tokens in Postmark), then send again.',
      );
    }
    return createServerTokenSource({ gateway: deps.gateway(), vault: deps.vault }).tokenFor(ctx.serverId, { refresh });
  }

  return {
    check: () => checkSheetSending(deps),

    async send(input: SheetSendInput): Promise<SheetSendResult> {
      const to = emailSchema.safeParse(input.to);
      if (!to.success) throw new BehalfError('sheet.send-bad-address', `“${input.to}” is not an email address.`, 'Enter an address like jane@acme.com.');
      assertVendorIdentity(deps.settings.get(), 'Sending the sheet');
      const { serverId, from } = configured();
      const { tenant, files } = await deps.sheets.renderFormats(input.id, ['html', 'pdf'], { provider: input.provider, paper: input.paper });
      const html = files.get('html')!;
      const pdf = files.get('pdf')!;
      const message = composeSheetEmail({ sheet: html.sheet, html: html.body.toString('utf8'), pdf, from, to: to.data, note: input.note, tenantId: tenant.id });

      const ctx: SendContext = { serverId, from, to: to.data, stage: 'token' };
      try {
        let token = await serverToken(ctx, false);
        ctx.stage = 'send';
        let res;
        try {
          res = await deps.gateway().sendEmail(token, message);
        } catch (err) {
          // A 401 on a cached token: it was rotated in Postmark. Re-read it once (Postmark refused, so nothing left).
          if (!isPostmarkGatewayError(err) || err.code !== 'postmark.unauthorized' || !deps.vault.hasAccountToken()) throw err;
          ctx.stage = 'token';
          token = await serverToken(ctx, true);
          ctx.stage = 'send';
          res = await deps.gateway().sendEmail(token, message);
        }
        deps.tenants.record(tenant.id, 'sheet.sent', `DNS sheet sent to ${to.data} from ${from} (Postmark server ${serverId}, message ${res.messageId})`);
        return { to: to.data, from, serverId, messageId: res.messageId, submittedAt: res.submittedAt, attachment: pdf.fileName };
      } catch (err) {
        if (!isPostmarkGatewayError(err)) throw err;
        const failure = sendFailure(err, ctx);
        // A send that may have gone out belongs in the history, so nobody has to guess later.
        if (failure.outcome === 'unknown') deps.tenants.record(tenant.id, 'sheet.send-unknown', `DNS sheet to ${to.data}: outcome unknown (${err.code})`);
        throw failure.error;
      }
    },
  };
}

export type SheetSender = ReturnType<typeof createSheetSender>;
