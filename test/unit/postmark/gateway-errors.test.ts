import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { clientHostOptions } from '../../../src-main/postmark/endpoint';
import { mapClientFailure, mapErrorCode, type FailureContext } from '../../../src-main/postmark/error-map';
import { PostmarkGatewayError } from '../../../src-main/postmark/errors';
import { parseInactiveRecipients } from '../../../src-main/postmark/inactive';
import { backoffDelay } from '../../../src-main/postmark/retry';
import { Errors } from 'postmark';

const ctx: FailureContext = { operation: 'do the thing', auth: 'account', tokens: ['secret-account-token'], timeoutSeconds: 15 };

describe('error mapping', () => {
  it.each([
    [401, 10, 'postmark.unauthorized', false],
    [429, 0, 'postmark.rate-limited', true],
    [500, 101, 'postmark.server-error', true],
    [503, 100, 'postmark.unavailable', true],
    [404, 0, 'postmark.endpoint', false],
    [302, 0, 'postmark.endpoint', false],
    [422, 510, 'postmark.not-found', false],
    [422, 601, 'postmark.not-found', false],
    [422, 512, 'postmark.already-exists', false],
    [422, 504, 'postmark.already-exists', false],
    [422, 603, 'postmark.already-exists', false],
    [422, 406, 'postmark.inactive-recipients', false],
    [422, 522, 'postmark.invalid', false],
    [415, 0, 'postmark.invalid', false],
  ])('HTTP %i ErrorCode %i → %s (retryable %s)', (status, code, expected, retryable) => {
    const err = mapErrorCode(status, code, 'Postmark said no.', ctx);
    expect(err).toBeInstanceOf(PostmarkGatewayError);
    expect(err).toBeInstanceOf(BehalfError);
    expect([err.code, err.retryable, err.postmarkCode, err.httpStatus]).toEqual([expected, retryable, code, status]);
    expect(err.hint).toBeTruthy();
  });

  it('gives the hints a person can act on', () => {
    expect(mapErrorCode(422, 400, 'x', ctx).hint).toMatch(/option 2.*option 1/);
    expect(mapErrorCode(422, 401, 'x', ctx).hint).toMatch(/resend the confirmation/);
    expect(mapErrorCode(422, 503, 'x', ctx).hint).toMatch(/option 3/);
    expect(mapErrorCode(422, 512, 'x', ctx).hint).toMatch(/adopt/);
    expect(mapErrorCode(422, 522, 'x', ctx).hint).toMatch(/sit under the domain/);
    expect(mapErrorCode(401, 10, 'x', ctx).hint).toMatch(/account token in Settings/);
    expect(mapErrorCode(401, 10, 'x', { ...ctx, auth: 'server' }).hint).toMatch(/server token/);
  });

  it('never lets a token into the message', () => {
    const err = mapErrorCode(422, 300, 'Bad token secret-account-token here', ctx);
    expect(err.message).not.toContain('secret-account-token');
    expect(JSON.stringify(err.toJSON())).not.toContain('secret-account-token');
  });

  it('tells a timeout from an unreachable Postmark', () => {
    const timeout = mapClientFailure(new Errors.PostmarkError('The operation was aborted due to timeout'), ctx);
    expect([timeout.code, timeout.retryable]).toEqual(['postmark.timeout', true]);
    const offline = mapClientFailure(new Errors.PostmarkError('fetch failed'), ctx);
    expect([offline.code, offline.retryable]).toEqual(['postmark.offline', true]);
  });

  it('keeps the recipients postmark.js parsed from an inactive-recipient error', () => {
    const msg =
      'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: a@x.test, b@x.test. Inactive recipients are ones that have generated a hard bounce.';
    const err = mapClientFailure(new Errors.InactiveRecipientsError(msg, 406, 422), ctx);
    expect(err.inactiveRecipients).toEqual(['a@x.test', 'b@x.test']);
  });

  it('re-throws errors that did not come from the client', () => {
    const bug = new TypeError('undefined is not a function');
    expect(() => mapClientFailure(bug, ctx)).toThrow(bug);
  });

  it('round-trips through JSON for the outbox', () => {
    const err = mapErrorCode(429, 0, 'slow down', ctx);
    const back = PostmarkGatewayError.fromJSON(JSON.parse(JSON.stringify(err.toJSON())));
    expect(back.toJSON()).toEqual(err.toJSON());
  });
});

describe('inactive recipients parsing', () => {
  it('reads both wordings and refuses to guess', () => {
    expect(parseInactiveRecipients('Message OK, but will not deliver to these inactive addresses: a@x.test, b@y.test.')).toEqual(['a@x.test', 'b@y.test']);
    expect(parseInactiveRecipients('OK')).toEqual([]);
  });
});

describe('backoff', () => {
  it('grows exponentially, caps at maxMs and keeps half the step fixed', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200]);
  });
});

describe('endpoint', () => {
  it('maps URLs onto useHttps + requestHost, with port and prefix', () => {
    expect(clientHostOptions('https://api.postmarkapp.com')).toEqual({ useHttps: true, requestHost: 'api.postmarkapp.com' });
    expect(clientHostOptions('http://127.0.0.1:8123/')).toEqual({ useHttps: false, requestHost: '127.0.0.1:8123' });
    expect(clientHostOptions('http://127.0.0.1:8123/pm/')).toEqual({ useHttps: false, requestHost: '127.0.0.1:8123/pm' });
    expect(() => clientHostOptions('ftp://x')).toThrow(/must start with https/);
    // The token must not cross the network in clear text: plain http only to this machine.
    expect(() => clientHostOptions('http://api.postmarkapp.com')).toThrow(/plain http/);
  });
});
