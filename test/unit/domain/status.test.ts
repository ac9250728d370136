import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { TENANT_STATUSES, type TenantStatus } from '../../../src-preload/api/tenants';
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  nextStep,
  settledStatusFor,
  statusAfterVerification,
  type NextStepFacts,
} from '../../../src-main/domain/status';

// The lifecycle as specified, written out independently of the implementation.
const ALLOWED: Record<TenantStatus, TenantStatus[]> = {
  draft: ['provisioning', 'archived'],
  provisioning: ['awaiting-dns', 'awaiting-confirmation', 'live', 'draft', 'suspended', 'archived'],
  'awaiting-dns': ['live', 'provisioning', 'suspended', 'archived'],
  'awaiting-confirmation': ['live', 'provisioning', 'suspended', 'archived'],
  live: ['provisioning', 'suspended', 'archived'],
  suspended: ['live', 'awaiting-dns', 'awaiting-confirmation', 'provisioning', 'draft', 'archived'],
  archived: ['draft'],
};

const pairs = TENANT_STATUSES.flatMap((from) => TENANT_STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

describe('status transitions', () => {
  it.each(pairs)('%s → %s allowed=%s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(BehalfError);
  });

  it('every status can be archived, and archived only goes back to draft', () => {
    for (const s of TENANT_STATUSES) if (s !== 'archived') expect(canTransition(s, 'archived')).toBe(true);
    expect(allowedTransitions('archived')).toEqual(['draft']);
  });

  it('the refusal says what is allowed', () => {
    try {
      assertTransition('draft', 'live');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BehalfError);
      expect((e as BehalfError).code).toBe('tenant.status.invalid-transition');
      expect((e as BehalfError).hint).toContain('provisioning');
    }
  });

  it.each([
    [1, 'awaiting-dns'],
    [2, 'awaiting-confirmation'],
    [3, 'live'],
  ] as const)('provisioning option %s settles at %s', (o, s) => {
    expect(settledStatusFor(o)).toBe(s);
  });

  it.each([
    [1, { dkimVerified: true, returnPathVerified: true }, 'live'],
    [1, { dkimVerified: true, returnPathVerified: false }, 'awaiting-dns'],
    [2, { signatureConfirmed: true }, 'live'],
    [2, {}, 'awaiting-confirmation'],
    [3, {}, 'live'],
  ] as const)('option %s with %j → %s', (o, v, s) => {
    expect(statusAfterVerification(o, v)).toBe(s);
  });
});

const t = (status: TenantStatus, option: 1 | 2 | 3 | null = 1, fromAddress = 'support@acme.com') => ({
  name: 'Acme',
  domain: 'acme.com',
  fromAddress,
  option,
  status,
});

describe('nextStep', () => {
  it.each([
    ['archived', t('archived'), {}, 'unarchive'],
    ['suspended with reason', t('suspended'), { suspendedReason: 'spam complaints' }, 'Suspended (spam complaints)'],
    ['draft without option', t('draft', null), {}, 'Choose a sending option'],
    ['draft option 2 without address', t('draft', 2, ''), {}, 'Add the From address'],
    ['draft option 1', t('draft', 1), {}, 'Provision in Postmark for option 1'],
    ['provisioning failed', t('provisioning'), { failedOperations: 2 }, '2 Postmark operations failed'],
    ['provisioning queued', t('provisioning'), { pendingOperations: 1 }, 'Waiting for 1 Postmark operation'],
    ['provisioning idle', t('provisioning'), {}, 'waiting for Postmark'],
    ['awaiting DNS, never checked', t('awaiting-dns'), { lastCheckedAt: null }, 'Send the DNS sheet to Acme'],
    [
      'awaiting DNS, records missing',
      t('awaiting-dns'),
      { lastCheckedAt: '2025-01-01T00:00:00Z', missingRecords: ['DKIM TXT', 'Return-Path CNAME'] },
      'add the DKIM TXT and Return-Path CNAME for acme.com',
    ],
    [
      'awaiting DNS, records present',
      t('awaiting-dns'),
      { lastCheckedAt: '2025-01-01T00:00:00Z', missingRecords: [] },
      'verify DKIM and Return-Path in Postmark',
    ],
    ['awaiting DNS, verified', t('awaiting-dns'), { dkimVerified: true, returnPathVerified: true }, 'mark the tenant live'],
    ['awaiting confirmation', t('awaiting-confirmation', 2), {}, 'confirmation link sent to support@acme.com'],
    ['awaiting confirmation, confirmed', t('awaiting-confirmation', 2), { signatureConfirmed: true }, 'mark the tenant live'],
    [
      'live on option 2 with p=reject',
      t('live', 2),
      { dmarc: { verdict: 'will-fail', policy: 'reject' } },
      'Move off option 2: acme.com publishes p=reject, so its mail is rejected',
    ],
    ['live with drift', t('live', 1), { missingRecords: ['DKIM TXT'] }, 'DNS drift: DKIM TXT'],
    ['live and fine', t('live', 3), {}, 'Nothing to do: live on option 3'],
  ] as const)('%s', (_label, tenant, facts, expected) => {
    expect(nextStep(tenant, facts as NextStepFacts)).toContain(expected);
  });

  it('always returns a single line', () => {
    for (const s of TENANT_STATUSES)
      for (const o of [null, 1, 2, 3] as const) {
        const line = nextStep(t(s, o), { missingRecords: ['DKIM TXT'], lastCheckedAt: 'x' });
        expect(line).not.toContain('\n');
        expect(line.length).toBeGreaterThan(10);
      }
  });
});
