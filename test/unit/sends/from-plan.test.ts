import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../src-preload/api/settings';
import type { Tenant } from '../../../src-preload/api/tenants';
import type { PostmarkObjectLink } from '../../../src-main/postmark/outbox';
import { planFrom } from '../../../src-main/sends';

const tenant = (over: Partial<Tenant> = {}): Tenant => ({
  id: 't1',
  name: 'Acme Inc',
  contactName: '',
  contactEmail: 'it@acme.com',
  domain: 'acme.com',
  fromAddress: 'news@acme.com',
  fromName: 'Acme',
  option: 1,
  status: 'live',
  tags: [],
  notes: '',
  createdAt: '',
  updatedAt: '',
  ...over,
});
const link = (kind: PostmarkObjectLink['kind'], postmarkId: number, name: string, details: Record<string, unknown> = {}): PostmarkObjectLink => ({
  tenantId: 't1',
  kind,
  postmarkId,
  name,
  details,
  createdAt: '',
  updatedAt: '',
});
const settings = settingsSchema.parse({ vendorName: 'Vendr', vendorDomain: 'notify.vendr.io', vendorAddressPattern: 'per-customer' });
const server = link('server', 1001, 'behalf-acme');

describe('planFrom: the From follows the option', () => {
  it('option 1 uses the customer address at the DKIM-verified domain', () => {
    const plan = planFrom(tenant(), [server, link('domain', 2001, 'acme.com', { DKIMVerified: true })], settings);
    expect(plan).toMatchObject({ ready: true, from: 'Acme <news@acme.com>', serverId: 1001, check: { kind: 'domain', id: 2001 } });
    const other = planFrom(tenant({ fromAddress: 'x@elsewhere.com' }), [server, link('domain', 2001, 'acme.com', { DKIMVerified: true })], settings);
    expect(other).toMatchObject({ ready: true, from: 'Acme <no-reply@acme.com>' });
  });

  it('option 1 is refused while DKIM is unverified, naming the record to publish', () => {
    const plan = planFrom(
      tenant(),
      [server, link('domain', 2001, 'acme.com', { DKIMVerified: false, DKIMPendingHost: '2026pm._domainkey.acme.com' })],
      settings,
    );
    expect(plan.ready).toBe(false);
    if (plan.ready) return;
    expect(plan.block.code).toBe('sends.domain-unverified');
    expect(plan.block.fix).toContain('2026pm._domainkey.acme.com');
  });

  it('option 2 uses the confirmed signature and refuses an unconfirmed one with a resend hint', () => {
    const t = tenant({ option: 2 });
    expect(
      planFrom(t, [server, link('sender', 3001, 'news@acme.com', { EmailAddress: 'news@acme.com', Name: 'Acme News', Confirmed: true })], settings),
    ).toMatchObject({ ready: true, from: 'Acme News <news@acme.com>' });
    const blocked = planFrom(t, [server, link('sender', 3001, 'news@acme.com', { EmailAddress: 'news@acme.com', Confirmed: false })], settings);
    expect(blocked).toMatchObject({ ready: false, block: { code: 'sends.signature-unconfirmed', fix: expect.stringMatching(/resend the confirmation/) } });
  });

  it('option 3 builds display name + vendor address from the settings', () => {
    const plan = planFrom(tenant({ option: 3 }), [server], settings);
    expect(plan).toMatchObject({ ready: true, from: 'Acme via Vendr <acme@notify.vendr.io>', replyTo: 'news@acme.com' });
    const noVendor = planFrom(tenant({ option: 3 }), [server], settingsSchema.parse({}));
    expect(noVendor).toMatchObject({ ready: false, block: { code: 'sends.vendor-domain-missing' } });
    // A domain but the default name: the mail would read "Acme via Vendor", so it is held back too.
    const defaultName = planFrom(tenant({ option: 3 }), [server], settingsSchema.parse({ vendorDomain: 'notify.vendr.io' }));
    expect(defaultName).toMatchObject({ ready: false, block: { code: 'sends.vendor-name-default', fix: 'Set the vendor name in Settings → Vendor.' } });
  });

  it('needs an option and the tenant own server before anything else', () => {
    expect(planFrom(tenant({ option: null }), [server], settings)).toMatchObject({ ready: false, block: { code: 'sends.no-option' } });
    expect(planFrom(tenant({ option: 3 }), [], settings)).toMatchObject({ ready: false, block: { code: 'sends.no-server' } });
    expect(planFrom(tenant({ option: 2 }), [server], settings)).toMatchObject({ ready: false, block: { code: 'sends.no-signature' } });
  });
});
