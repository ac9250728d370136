import { describe, expect, it } from 'vitest';
import { dkimKeyThatCounts, pickTenantDomain } from '../../../src-main/postmark/links';
import type { PostmarkObjectLink } from '../../../src-main/postmark/outbox';

const ACTIVE = { DKIMHost: 'old._domainkey.acme.com', DKIMTextValue: 'k=rsa; p=OLD' };
const PENDING = { DKIMPendingHost: 'new._domainkey.acme.com', DKIMPendingTextValue: 'k=rsa; p=NEW' };

/** The one rule for which DKIM key counts (sheets, DNS checks, send refusals and switches all ask it). */
describe('dkimKeyThatCounts', () => {
  it('takes the pending key when Postmark names one: the customer must publish it now', () => {
    expect(dkimKeyThatCounts({ ...ACTIVE, ...PENDING })).toEqual({ host: 'new._domainkey.acme.com', value: 'k=rsa; p=NEW', pending: true });
    expect(dkimKeyThatCounts(PENDING)).toEqual({ host: 'new._domainkey.acme.com', value: 'k=rsa; p=NEW', pending: true });
  });

  it('takes the active key once the pending one is gone (verified)', () => {
    expect(dkimKeyThatCounts({ ...ACTIVE, DKIMPendingHost: '', DKIMPendingTextValue: '' })).toEqual({
      host: 'old._domainkey.acme.com',
      value: 'k=rsa; p=OLD',
      pending: false,
    });
  });

  it('never pairs a pending host with the active value: the value stays unknown', () => {
    expect(dkimKeyThatCounts({ ...ACTIVE, DKIMPendingHost: 'new._domainkey.acme.com' })).toEqual({
      host: 'new._domainkey.acme.com',
      value: undefined,
      pending: true,
    });
  });

  it('answers nothing while Postmark has named no key, and ignores blank or non-text fields', () => {
    expect(dkimKeyThatCounts({})).toBeUndefined();
    expect(dkimKeyThatCounts({ DKIMPendingHost: ['x'], DKIMHost: 42 })).toBeUndefined();
    expect(dkimKeyThatCounts({ DKIMHost: 'x._domainkey.acme.com', DKIMTextValue: '  ' })).toEqual({
      host: 'x._domainkey.acme.com',
      value: undefined,
      pending: false,
    });
  });
});

const link = (name: string, updatedAt: string, kind: PostmarkObjectLink['kind'] = 'domain'): PostmarkObjectLink => ({
  tenantId: 't',
  kind,
  postmarkId: name.length,
  name,
  details: {},
  createdAt: updatedAt,
  updatedAt,
});

describe('pickTenantDomain', () => {
  it('prefers the domain named like the tenant’s current domain, whatever its age or case', () => {
    const links = [
      link('Acme.com', '2026-01-01T00:00:00Z'),
      link('new-acme.com', '2026-06-01T00:00:00Z'),
      link('acme-server', '2026-07-01T00:00:00Z', 'server'),
    ];
    expect(pickTenantDomain(links, 'acme.com')?.name).toBe('Acme.com');
  });

  it('else takes the most recently updated domain, never a server or sender', () => {
    const links = [link('a.com', '2026-01-01T00:00:00Z'), link('b.com', '2026-06-01T00:00:00Z'), link('srv', '2026-07-01T00:00:00Z', 'server')];
    expect(pickTenantDomain(links, 'other.com')?.name).toBe('b.com');
    expect(pickTenantDomain([link('srv', '2026-07-01T00:00:00Z', 'server')], 'other.com')).toBeUndefined();
  });
});
