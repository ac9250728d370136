import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostmarkGateway, PostmarkGatewayError, type PostmarkGateway } from '../../../src-main/postmark';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';

let sim: PostmarkSimulator;
let gw: PostmarkGateway;
let token: string;

beforeEach(async () => {
  sim = await startPostmarkSimulator();
  gw = createPostmarkGateway({ accountToken: sim.accountToken, endpoint: sim.url, retry: { attempts: 3, baseMs: 1, maxMs: 2 }, sleep: async () => {} });
  const server = await gw.createServer({ Name: 'Sender' });
  token = server.ApiTokens[0]!;
  const sig = await gw.createSender({ FromEmail: 'hi@brand.test', Name: 'Brand' });
  sim.confirmSender(sig.ID);
  sim.state.requests.length = 0;
});
afterEach(async () => {
  await sim.close();
});

const msg = (over: Record<string, unknown> = {}) => ({ From: 'hi@brand.test', To: 'a@example.net', Subject: 'S', TextBody: 'T', ...over });

async function failure(promise: Promise<unknown>): Promise<PostmarkGatewayError> {
  try {
    await promise;
  } catch (err) {
    return err as PostmarkGatewayError;
  }
  throw new Error('expected a failure');
}

describe('gateway: sending', () => {
  it('sends and reports partly inactive recipients', async () => {
    sim.setInactive('gone@example.net');
    const res = await gw.sendEmail(token, msg({ To: 'a@example.net, gone@example.net' }));
    expect(res.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.inactiveRecipients).toEqual(['gone@example.net']);
  });

  it('maps an all-inactive send and unconfirmed senders with hints', async () => {
    sim.setInactive('gone@example.net');
    const inactive = await failure(gw.sendEmail(token, msg({ To: 'gone@example.net' })));
    expect([inactive.code, inactive.postmarkCode, inactive.inactiveRecipients]).toEqual(['postmark.inactive-recipients', 406, ['gone@example.net']]);
    const unknown = await failure(gw.sendEmail(token, msg({ From: 'x@other.test' })));
    expect([unknown.code, unknown.postmarkCode]).toEqual(['postmark.invalid', 400]);
    expect(unknown.hint).toMatch(/confirmed sender signature/);
  });

  it('does not resend after a dropped connection (the mail may have left), but does after a 429', async () => {
    sim.faults.next({ drop: true, processed: true, match: /\/email/ });
    const err = await failure(gw.sendEmail(token, msg()));
    expect([err.code, err.retryable]).toEqual(['postmark.offline', true]);
    expect(sim.state.messages).toHaveLength(1);
    sim.faults.next({ status: 429, match: /\/email/ });
    await gw.sendEmail(token, msg());
    expect(sim.state.messages).toHaveLength(2);
  });

  it('maps batch items one by one', async () => {
    const results = await gw.sendBatch(token, [msg(), msg({ From: 'nobody@other.test' })]);
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false });
    const second = results[1]!;
    if (second.ok) throw new Error('unreachable');
    expect([second.error.code, second.error.postmarkCode]).toEqual(['postmark.invalid', 400]);
  });

  it('searches outbound messages with lower-case filter keys and reads details', async () => {
    const sent = await gw.sendEmail(token, msg({ Tag: 'welcome', Metadata: { tenant: 't-1' } }));
    await gw.sendEmail(token, msg({ Tag: 'other' }));
    sim.elapse(60_000); // past Postmark's indexing lag and the first events
    const page = await gw.getOutboundMessages(token, { count: 10, tag: 'welcome', metadata: { tenant: 't-1' }, fromDate: '2000-01-01' });
    expect(page.totalCount).toBe(1);
    expect(page.messages[0]!.MessageID).toBe(sent.messageId);
    expect(sim.state.requests.at(-1)!.path).toMatch(/fromdate=2000-01-01.*metadata_tenant=t-1|metadata_tenant=t-1.*fromdate=/);
    const details = await gw.getMessageDetails(token, sent.messageId);
    expect(details.MessageEvents.map((e) => e.Type)).toEqual(['Delivered']);
  });

  it('refuses a wrong server token with a server-token hint and no token in the text', async () => {
    const err = await failure(gw.sendEmail('0000-bad-server-token', msg()));
    expect([err.code, err.httpStatus]).toEqual(['postmark.unauthorized', 401]);
    expect(err.hint).toMatch(/server token/);
    expect(err.message).not.toContain('0000-bad-server-token');
  });
});
