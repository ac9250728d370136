import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeResolver, startPostmarkSimulator, type FakeResolver, type PostmarkSimulator } from '../../support/postmark-sim';
import { accountClientFor, rejectionOf } from '../../support/postmark-sim/clients';

let sim: PostmarkSimulator;
let dns: FakeResolver;
beforeEach(async () => {
  dns = createFakeResolver();
  sim = await startPostmarkSimulator({ resolver: dns });
});
afterEach(async () => {
  await sim.close();
});

describe('simulator: domains', () => {
  it('creates a domain with a pending 1024-bit DKIM key and Postmark field names', async () => {
    const client = accountClientFor(sim);
    const d = await client.createDomain({ Name: 'Example.com', ReturnPathDomain: 'pm-bounces.example.com' });
    expect(d).toMatchObject({
      Name: 'example.com',
      DKIMVerified: false,
      DKIMHost: '',
      DKIMTextValue: '',
      DKIMUpdateStatus: 'Pending',
      ReturnPathDomain: 'pm-bounces.example.com',
      ReturnPathDomainVerified: false,
      ReturnPathDomainCNAMEValue: 'pm.mtasv.net',
      SPFHost: 'example.com',
      SafeToRemoveRevokedKeyFromDNS: false,
    });
    expect(d.DKIMPendingHost).toMatch(/^\d{14}pm\._domainkey\.example\.com$/);
    expect(d.DKIMPendingTextValue).toMatch(/^k=rsa;p=MIGf/);
    const list = await client.getDomains({ count: 10, offset: 0 });
    expect(list).toEqual({
      TotalCount: 1,
      Domains: [{ ID: d.ID, Name: 'example.com', SPFVerified: false, DKIMVerified: false, WeakDKIM: false, ReturnPathDomainVerified: false }],
    });
  });

  it('refuses duplicates (512), public domains (503) and a Return-Path outside the domain (522)', async () => {
    const client = accountClientFor(sim);
    await client.createDomain({ Name: 'dup.example' });
    expect((await rejectionOf(client.createDomain({ Name: 'DUP.example' }))).code).toBe(512);
    expect((await rejectionOf(client.createDomain({ Name: 'gmail.com' }))).code).toBe(503);
    const rp = await rejectionOf(client.createDomain({ Name: 'other.example', ReturnPathDomain: 'bounces.elsewhere.example' }));
    expect([rp.statusCode, rp.code]).toEqual([422, 522]);
    expect(sim.state.domains.map((x) => x.Name)).toEqual(['dup.example']);
  });

  it('verifies DKIM only when the TXT record really resolves, joining split strings and ignoring spaces', async () => {
    const client = accountClientFor(sim);
    const d = await client.createDomain({ Name: 'acme.test' });
    const notYet = await client.verifyDomainDKIM(d.ID);
    expect(notYet.DKIMVerified).toBe(false);

    const value = d.DKIMPendingTextValue;
    dns.setTxt(d.DKIMPendingHost, [value.slice(0, 100).replace(';', '; '), value.slice(100)]);
    const verified = await client.verifyDomainDKIM(d.ID);
    expect(verified).toMatchObject({
      DKIMVerified: true,
      DKIMHost: d.DKIMPendingHost,
      DKIMTextValue: value,
      DKIMPendingHost: '',
      DKIMUpdateStatus: 'Verified',
    });
  });

  it('does not verify a TXT record carrying another key', async () => {
    const client = accountClientFor(sim);
    const d = await client.createDomain({ Name: 'wrongkey.test' });
    dns.setTxt(d.DKIMPendingHost, ['k=rsa;p=MIGfSOMETHINGELSE']);
    expect((await client.verifyDomainDKIM(d.ID)).DKIMVerified).toBe(false);
  });

  it('rotates: pending → active → revoked, 505 while a rotation is pending, then safe to remove', async () => {
    const client = accountClientFor(sim);
    const d = await client.createDomain({ Name: 'rotate.test' });
    dns.setTxt(d.DKIMPendingHost, [d.DKIMPendingTextValue]);
    const first = await client.verifyDomainDKIM(d.ID);

    const rotated = await client.rotateDomainDKIM(d.ID);
    expect(rotated).toMatchObject({ DKIMHost: first.DKIMHost, DKIMUpdateStatus: 'Pending', DKIMVerified: true });
    expect(rotated.DKIMPendingHost).not.toBe(first.DKIMHost);
    const again = await rejectionOf(client.rotateDomainDKIM(d.ID));
    expect([again.statusCode, again.code]).toEqual([422, 505]);

    dns.setTxt(rotated.DKIMPendingHost, [rotated.DKIMPendingTextValue]);
    const swapped = await client.verifyDomainDKIM(d.ID);
    expect(swapped).toMatchObject({
      DKIMHost: rotated.DKIMPendingHost,
      DKIMRevokedHost: first.DKIMHost,
      DKIMRevokedTextValue: first.DKIMTextValue,
      SafeToRemoveRevokedKeyFromDNS: false,
      DKIMUpdateStatus: 'Verified',
    });
    const settled = await client.verifyDomainDKIM(d.ID);
    expect(settled.SafeToRemoveRevokedKeyFromDNS).toBe(true);
  });

  it('verifies the Return-Path only for a CNAME to pm.mtasv.net, and re-checks each time', async () => {
    const client = accountClientFor(sim);
    const d = await client.createDomain({ Name: 'rp.test', ReturnPathDomain: 'pm-bounces.rp.test' });
    dns.setCname('pm-bounces.rp.test', 'elsewhere.example.');
    expect((await client.verifyDomainReturnPath(d.ID)).ReturnPathDomainVerified).toBe(false);
    dns.setCname('pm-bounces.rp.test', 'PM.MTASV.NET.');
    expect((await client.verifyDomainReturnPath(d.ID)).ReturnPathDomainVerified).toBe(true);
    dns.remove('pm-bounces.rp.test');
    expect((await client.verifyDomainReturnPath(d.ID)).ReturnPathDomainVerified).toBe(false);
  });

  it('edits the Return-Path (522 outside the domain), deletes, and answers 510 for unknown IDs', async () => {
    const client = accountClientFor(sim);
    const d = await client.createDomain({ Name: 'edit.test' });
    expect((await client.editDomain(d.ID, { ReturnPathDomain: 'bounce.edit.test' })).ReturnPathDomain).toBe('bounce.edit.test');
    expect((await rejectionOf(client.editDomain(d.ID, { ReturnPathDomain: 'edit.test' }))).code).toBe(522);
    expect((await client.deleteDomain(d.ID)).ErrorCode).toBe(0);
    const missing = await rejectionOf(client.getDomain(d.ID));
    expect([missing.statusCode, missing.code]).toEqual([422, 510]);
  });

  it('pages domains and refuses count over 500 with ErrorCode 500', async () => {
    const client = accountClientFor(sim);
    for (const n of ['a', 'b', 'c']) await client.createDomain({ Name: `${n}.test` });
    expect((await client.getDomains({ count: 1, offset: 2 })).Domains.map((x) => x.Name)).toEqual(['c.test']);
    expect((await rejectionOf(client.getDomains({ count: 900, offset: 0 }))).code).toBe(500);
  });
});
