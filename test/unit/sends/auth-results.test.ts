import { describe, expect, it } from 'vitest';
import { parseAuthResults, receivedAuth } from '../../../src-main/sends/seed-mailbox/auth-results';

/**
 * Header shapes written from each receiver's documented format (RFC 8601 §2.2; Gmail's "Show original", Microsoft's
 * "Anti-spam message headers", Yahoo's and Fastmail's help pages). Folding as they fold it.
 */
const GMAIL = `mx.google.com;
       dkim=pass header.i=@nordlicht.example header.s=20231201pm header.b=AbC1dEf2;
       spf=pass (google.com: domain of pm_bounces@pm-bounces.nordlicht.example designates 50.31.156.6 as permitted sender) smtp.mailfrom=pm_bounces@pm-bounces.nordlicht.example;
       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=nordlicht.example`;
const MICROSOFT = `spf=pass (sender IP is 50.31.156.6)
 smtp.mailfrom=pm.mtasv.net; dkim=pass (signature was verified)
 header.d=vendor.example;dkim=pass (signature was verified)
 header.d=pm.mtasv.net;dmarc=fail action=none
 header.from=nordlicht.example;compauth=softpass reason=201`;
const YAHOO = `atlas-production.v2.mail.yahoo.com;
 dkim=pass header.i=@nordlicht.example header.s=20231201pm;
 spf=pass smtp.mailfrom=pm-bounces.nordlicht.example;
 dmarc=pass(p=REJECT) header.from=nordlicht.example;`;
const FASTMAIL = `mx6.messagingengine.com;
    dkim=pass (2048-bit rsa key sha256) header.d=mail.nordlicht.example header.i=@mail.nordlicht.example header.b="Xy/z+1=" header.a=rsa-sha256 header.s=pm x-bits=2048;
    dmarc=pass policy.published-domain-policy=reject policy.applied-disposition=none (p=reject,d=none,d.eval=none) policy.policy-from=p header.from=nordlicht.example;
    iprev=pass smtp.remote-ip=50.31.156.6 (sm-smtp.mtasv.net);
    spf=softfail smtp.mailfrom=pm_bounces@pm.mtasv.net smtp.helo=sm-smtp.mtasv.net`;

describe('parseAuthResults (RFC 8601)', () => {
  it('Gmail: authserv-id, comments with colons and "=" inside, header.i as @domain', () => {
    const h = parseAuthResults(GMAIL);
    expect(h.authservId).toBe('mx.google.com');
    expect(h.results.map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=pass', 'spf=pass', 'dmarc=pass']);
    expect(h.results[0]!.props).toMatchObject({ 'header.i': '@nordlicht.example', 'header.s': '20231201pm' });
    expect(h.results[1]!.props['smtp.mailfrom']).toBe('pm_bounces@pm-bounces.nordlicht.example');
  });
  it('Microsoft: no authserv-id at all, ";" without a space, several dkim results, method-specific extras', () => {
    const h = parseAuthResults(MICROSOFT);
    expect(h.authservId).toBe('');
    expect(h.results.map((r) => `${r.method}=${r.result}`)).toEqual(['spf=pass', 'dkim=pass', 'dkim=pass', 'dmarc=fail', 'compauth=softpass']);
    expect(h.results[3]!.props).toEqual({ action: 'none', 'header.from': 'nordlicht.example' });
    expect(h.results[4]!.props.reason).toBe('201');
  });
  it('Yahoo: a comment glued to the result and a trailing ";"', () => {
    const h = parseAuthResults(YAHOO);
    expect(h.results.map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=pass', 'spf=pass', 'dmarc=pass']);
    expect(h.results[2]!.props['header.from']).toBe('nordlicht.example');
  });
  it('Fastmail: quoted values with "=" and "/", policy.* properties, iprev', () => {
    const h = parseAuthResults(FASTMAIL);
    expect(h.results.map((r) => r.method)).toEqual(['dkim', 'dmarc', 'iprev', 'spf']);
    expect(h.results[0]!.props['header.b']).toBe('Xy/z+1=');
    expect(h.results[0]!.props['header.d']).toBe('mail.nordlicht.example');
    expect(h.results[1]!.props['policy.published-domain-policy']).toBe('reject');
  });
  it('the grammar\'s corners: version after the id, "none", nested comments, quoted-pair, method version, case', () => {
    expect(parseAuthResults('MX.Example.ORG 1; none')).toEqual({ authservId: 'mx.example.org', results: [] });
    const h = parseAuthResults('mx.example.org (a (nested) comment); DKIM/1=PASS (ok \\) still comment) header.d=Example.COM reason="a; b"');
    expect(h.results).toEqual([{ method: 'dkim', result: 'pass', props: { 'header.d': 'Example.COM', reason: 'a; b' } }]);
    expect(parseAuthResults('mx.example.org; garbage; spf=fail smtp.mailfrom=x.example').results).toEqual([
      { method: 'spf', result: 'fail', props: { 'smtp.mailfrom': 'x.example' } },
    ]);
  });
});

describe("receivedAuth: only the receiver's own header counts", () => {
  it('Gmail, aligned: DKIM d= is the From domain', () => {
    expect(receivedAuth([GMAIL], 'mx.google.com')).toEqual({
      authservId: 'mx.google.com',
      spf: { result: 'pass', domain: 'pm-bounces.nordlicht.example' },
      dkim: [{ result: 'pass', domain: 'nordlicht.example', selector: '20231201pm' }],
      dmarc: { result: 'pass', from: 'nordlicht.example' },
      fromDomain: 'nordlicht.example',
      dkimAligned: true,
    });
  });
  it('Microsoft (trusted as "none"): signed by the vendor and Postmark only → DKIM not aligned, DMARC fails', () => {
    const a = receivedAuth([MICROSOFT], 'none')!;
    expect(a.dkim.map((d) => d.domain)).toEqual(['vendor.example', 'pm.mtasv.net']);
    expect(a.dmarc).toEqual({ result: 'fail', from: 'nordlicht.example' });
    expect(a.dkimAligned).toBe(false);
  });
  it('Fastmail: relaxed alignment (a subdomain signature aligns with the organizational domain)', () => {
    expect(receivedAuth([FASTMAIL], 'mx6.messagingengine.com')!.dkimAligned).toBe(true);
  });
  it("a forged header from another authserv-id is ignored; several headers: the receiver's, topmost first", () => {
    const forged = 'mx.google.com.evil.example; dkim=pass header.d=nordlicht.example; dmarc=pass header.from=nordlicht.example';
    const earlierHop = 'relay.vendor.example; spf=pass smtp.mailfrom=vendor.example';
    const receiver = 'mx.google.com; spf=fail smtp.mailfrom=pm.mtasv.net; dkim=fail header.d=nordlicht.example; dmarc=fail header.from=nordlicht.example';
    const a = receivedAuth([receiver, forged, earlierHop], 'mx.google.com')!;
    expect(a.spf).toEqual({ result: 'fail', domain: 'pm.mtasv.net' });
    expect(a.dkimAligned).toBe(false); // the forged "dkim=pass" did not count
    expect(receivedAuth([forged, earlierHop], 'mx.google.com')).toBeNull();
    expect(receivedAuth([MICROSOFT], 'mx.google.com')).toBeNull(); // no id ≠ a configured id
  });
  it("no DMARC result: alignment is judged against the message's From", () => {
    const a = receivedAuth(
      ['mx.test; dkim=pass header.d=pm.mtasv.net; spf=pass smtp.mailfrom=pm.mtasv.net'],
      'MX.test',
      '"Nordlicht" <news@nordlicht.example>',
    )!;
    expect(a.fromDomain).toBe('nordlicht.example');
    expect(a.dmarc).toBeNull();
    expect(a.dkimAligned).toBe(false);
    expect(receivedAuth(['mx.test; spf=pass smtp.mailfrom=x.example'], 'mx.test')!.dkimAligned).toBeNull();
  });
});

describe('DKIM alignment uses the one organisational-domain rule (domain/org-domain.ts)', () => {
  it('does not align two customers under one private suffix (acme.github.io is its own organisational domain)', () => {
    const header = 'mx.google.com; dkim=pass header.d=other.github.io; spf=pass smtp.mailfrom=bounce.other.github.io; dmarc=fail header.from=acme.github.io';
    expect(receivedAuth([header], 'mx.google.com')?.dkimAligned).toBe(false);
    const own = 'mx.google.com; dkim=pass header.d=mail.acme.github.io; dmarc=pass header.from=acme.github.io';
    expect(receivedAuth([own], 'mx.google.com')?.dkimAligned).toBe(true);
  });
});
