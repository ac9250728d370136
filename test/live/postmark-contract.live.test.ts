import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostmarkGateway, type PostmarkGateway } from '../../src-main/postmark';
import * as A from '../../src-main/postmark/answers';
import { isGoneInPostmark } from '../../src-main/postmark/error-map';
import { PostmarkGatewayError } from '../../src-main/postmark/errors';

/**
 * The live contract suite (`npm run test:live`, docs/postmark-semantics.md): every call Behalf makes, against a
 * real Postmark account, through the same gateway and the same answer schemas (src-main/postmark/answers.ts).
 * It creates a **Sandbox** server (accepts mail, delivers nothing) plus a throwaway domain and sender signature,
 * and deletes all three in afterAll, even when a test failed. Nothing here is billed.
 *
 * Needs POSTMARK_LIVE_ACCOUNT_TOKEN (an Account API token). Optional: POSTMARK_LIVE_DOMAIN (parent domain for
 * the throwaway one; default example.com), POSTMARK_LIVE_URL (default https://api.postmarkapp.com).
 */
const token = process.env.POSTMARK_LIVE_ACCOUNT_TOKEN?.trim() ?? '';
const endpoint = process.env.POSTMARK_LIVE_URL?.trim() || 'https://api.postmarkapp.com';
const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const domainName = `behalf-live-${stamp}.${process.env.POSTMARK_LIVE_DOMAIN?.trim() || 'example.com'}`;
const fromEmail = `live@${domainName}`;

const made: { server?: number; domain?: number; sender?: number } = {};
let gw: PostmarkGateway;
let serverToken = '';

const refusal = async (p: Promise<unknown>): Promise<PostmarkGatewayError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof PostmarkGatewayError) return err;
    throw err;
  }
  throw new Error('expected Postmark to refuse this');
};
const shape = (schema: Parameters<typeof A.expectShape>[0], value: unknown) => expect(schema.safeParse(value).error?.issues ?? []).toEqual([]);

describe.skipIf(token === '')('Postmark live contract (skipped unless POSTMARK_LIVE_ACCOUNT_TOKEN is set: it needs a real account)', () => {
  beforeAll(() => {
    gw = createPostmarkGateway({ accountToken: token, endpoint, timeoutSeconds: 30 });
  });

  afterAll(async () => {
    // Whatever happened above: leave the account as it was.
    const tries: Array<[string, () => Promise<unknown>]> = [
      ['sender', () => (made.sender ? gw.deleteSender(made.sender) : Promise.resolve())],
      ['domain', () => (made.domain ? gw.deleteDomain(made.domain) : Promise.resolve())],
      ['server', () => (made.server ? gw.deleteServer(made.server) : Promise.resolve())],
    ];
    for (const [what, run] of tries) {
      await run().catch((err: unknown) => console.error(`live cleanup: could not delete the ${what}: ${String(err)}`));
    }
  });

  it('servers: create a Sandbox server, read it, find it by name, edit it', async () => {
    const server = await gw.createServer({ Name: `behalf-live-${stamp}`, DeliveryType: 'Sandbox' } as never);
    made.server = server.ID;
    shape(A.serverAnswer, server);
    expect(server.DeliveryType).toBe('Sandbox');
    serverToken = server.ApiTokens[0]!;
    expect(serverToken).toBeTruthy();
    shape(A.serverAnswer, await gw.getServer(server.ID));
    expect((await gw.listAllServers({ name: `behalf-live-${stamp}` })).map((s) => s.ID)).toContain(server.ID);
    shape(A.serverAnswer, await gw.editServer(server.ID, { Color: 'Grey' } as never));
  });

  it('domains: create, read, list, verify DKIM and Return-Path, rotate (505 while a key is pending is recorded)', async () => {
    const domain = await gw.createDomain({ Name: domainName });
    made.domain = domain.ID;
    shape(A.domainDetailsAnswer, domain);
    shape(A.domainDetailsAnswer, await gw.getDomain(domain.ID));
    expect((await gw.listAllDomains()).some((d) => d.ID === domain.ID)).toBe(true);
    shape(A.domainDetailsAnswer, await gw.verifyDkim(domain.ID));
    shape(A.domainDetailsAnswer, await gw.verifyReturnPath(domain.ID));
    try {
      shape(A.domainDetailsAnswer, await gw.rotateDkim(domain.ID));
      console.info('live: rotate on a never-verified domain was accepted');
    } catch (err) {
      // Unconfirmed in the docs: which ErrorCode a rotation gets while the first key is still pending.
      expect(err).toBeInstanceOf(PostmarkGatewayError);
      console.info(
        `live: rotate on a never-verified domain → HTTP ${(err as PostmarkGatewayError).httpStatus} ErrorCode ${(err as PostmarkGatewayError).postmarkCode}`,
      );
    }
  });

  it('sender signatures: create, read, list, resend the confirmation', async () => {
    const sender = await gw.createSender({ FromEmail: fromEmail, Name: 'Behalf live' });
    made.sender = sender.ID;
    shape(A.signatureDetailsAnswer, sender);
    shape(A.signatureDetailsAnswer, await gw.getSender(sender.ID));
    expect((await gw.listAllSenders()).some((s) => s.ID === sender.ID)).toBe(true);
    const resend = await gw.resendConfirmation(sender.ID).catch((err: unknown) => err);
    if (resend instanceof PostmarkGatewayError) console.info(`live: resend confirmation → ErrorCode ${resend.postmarkCode}`);
    else shape(A.defaultAnswer, resend);
  });

  it('sending from the Sandbox server: refusals are Postmark refusals (JSON + ErrorCode), never endpoint errors', async () => {
    const message = { From: fromEmail, To: 'test@blackhole.postmarkapp.com', Subject: 'Behalf live', TextBody: 'x', MessageStream: 'outbound' };
    for (const attempt of [gw.sendEmail(serverToken, message), gw.sendBatch(serverToken, [message])]) {
      const result = await attempt.catch((err: unknown) => err);
      if (result instanceof PostmarkGatewayError) {
        // Unconfirmed From (400/401) or an account pending approval (412): both are Postmark speaking.
        expect(result.postmarkCode).toBeGreaterThan(0);
        console.info(`live: send → ErrorCode ${result.postmarkCode}`);
      }
    }
  });

  it('messages: search and details; a message that does not exist is 422/701, a wrong path is 404 (postmark.endpoint)', async () => {
    const page = await gw.getOutboundMessages(serverToken, { count: 10, tag: 'behalf-live' });
    expect(page.totalCount).toBeGreaterThanOrEqual(0);
    const missing = await refusal(gw.getMessageDetails(serverToken, '00000000-0000-0000-0000-000000000000'));
    expect([missing.httpStatus, missing.postmarkCode, missing.code]).toEqual([422, 701, 'postmark.not-found']);
    const wrongPath = createPostmarkGateway({
      accountToken: token,
      endpoint: `${endpoint}/not-a-postmark-path`,
      timeoutSeconds: 30,
      retry: { attempts: 1, baseMs: 0, maxMs: 0 },
    });
    expect((await refusal(wrongPath.getDomain(made.domain ?? 1))).code).toBe('postmark.endpoint');
  });

  it('an object that is gone: what Postmark answers for a read and for a second delete', async () => {
    const domain = await gw.createDomain({ Name: `gone-${domainName}` });
    await gw.deleteDomain(domain.ID);
    const read = await refusal(gw.getDomain(domain.ID));
    expect(isGoneInPostmark(read)).toBe(true);
    const again = await refusal(gw.deleteDomain(domain.ID));
    // postmark.js's own live cleanup tolerates a 404 here; Behalf double-checks a 404 on DELETE with a read.
    console.info(`live: second delete → HTTP ${again.httpStatus} ErrorCode ${again.postmarkCode} (${again.code})`);
    expect(isGoneInPostmark(again) || again.httpStatus === 404).toBe(true);
  });
});
