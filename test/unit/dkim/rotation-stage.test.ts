import { describe, expect, it } from 'vitest';
import type { PostmarkState } from '../../../src-preload/api/postmark';
import { keysOf, revokedPublished } from '../../../src-main/dkim/key-states';
import { nextStage, type RotationFacts, type TrackedRotation } from '../../../src-main/dkim/rotation-stage';
import { KEY_1024, KEY_2048, OTHER_KEY_1024 } from '../../support/nsd/zoneFixtures';

const OLD = { host: '20250101000000pm._domainkey.acme.example', value: `k=rsa;p=${KEY_1024}` };
const NEW = { host: '20260101000000pm._domainkey.acme.example', value: `k=rsa;p=${KEY_2048}` };
type Domain = NonNullable<PostmarkState['domain']>;
const domain = (d: Partial<Domain>): Domain => ({
  id: 1,
  name: 'acme.example',
  dkimVerified: true,
  dkimUpdateStatus: 'Verified',
  pending: null,
  active: OLD,
  revoked: null,
  safeToRemoveRevokedKey: false,
  returnPath: { domain: '', cname: '', verified: false },
  ...d,
});
const revokedRow = (observed: string | null, status = 'ok') => ({ report: { records: [{ kind: 'dkim-revoked', name: OLD.host, status, observed }] } }) as never;
const rotation = (stage: TrackedRotation['stage'], newHost: string | null = null): TrackedRotation => ({
  stage,
  oldHost: OLD.host,
  oldPublicKey: KEY_1024,
  newHost,
});
const facts = (f: Partial<RotationFacts>): RotationFacts => ({ domain: domain({}), job: { state: 'succeeded', error: null }, check: null, safeAt: null, ...f });

describe('DKIM key states', () => {
  it('lists active, pending and revoked keys with their decoded length and first sighting', () => {
    const keys = keysOf(
      domain({ pending: NEW, revoked: { host: 'x._domainkey.acme.example', value: `k=rsa;p=${OTHER_KEY_1024}` } }),
      [{ host: OLD.host, publicKey: KEY_1024, firstSeenActiveAt: '2025-01-02T00:00:00.000Z', firstSeenPendingAt: '2025-01-01T00:00:00.000Z' }],
      null,
    );
    expect(keys.map((k) => [k.role, k.selector, k.bits, k.firstSeenActiveAt, k.ageExact, k.published])).toEqual([
      ['active', '20250101000000pm', 1024, '2025-01-02T00:00:00.000Z', true, null],
      ['pending', '20260101000000pm', 2048, null, false, null],
      ['revoked', 'x', 1024, null, false, null],
    ]);
  });

  it('a revoked key is published while the check still sees its p=, gone when it does not, unknown when the lookup failed', () => {
    expect(revokedPublished(revokedRow(OLD.value), OLD.host, OLD.value)).toBe(true);
    expect(revokedPublished(revokedRow(null), OLD.host, OLD.value)).toBe(false);
    expect(revokedPublished(revokedRow(`k=rsa;p=${OTHER_KEY_1024}`), OLD.host, OLD.value)).toBe(false);
    expect(revokedPublished(revokedRow(null, 'error'), OLD.host, OLD.value)).toBeNull();
    expect(revokedPublished(null, OLD.host, OLD.value)).toBeNull();
  });
});

describe('DKIM rotation stages', () => {
  it('queued waits for the new key, then moves to pending with the new selector', () => {
    expect(nextStage(rotation('queued'), facts({ job: { state: 'queued', error: null } }))).toBeNull();
    expect(nextStage(rotation('queued'), facts({ domain: domain({ pending: NEW }) }))).toEqual({
      stage: 'new-key-pending',
      newHost: NEW.host,
      newPublicKey: KEY_2048,
    });
  });

  it('a failed or cancelled job fails the rotation with its reason', () => {
    expect(nextStage(rotation('queued'), facts({ job: { state: 'failed', error: 'Postmark said 508' } }))).toEqual({
      stage: 'failed',
      failure: 'Postmark said 508',
    });
    expect(nextStage(rotation('queued'), facts({ job: { state: 'cancelled', error: null } }))?.stage).toBe('failed');
  });

  it('pending → active when the new key verified, → safe when Postmark says so, several at once if needed', () => {
    expect(nextStage(rotation('new-key-pending', NEW.host), facts({ domain: domain({ pending: NEW }) }))).toBeNull();
    expect(nextStage(rotation('new-key-pending', NEW.host), facts({ domain: domain({ active: NEW, revoked: OLD }) }))).toEqual({ stage: 'new-key-active' });
    expect(nextStage(rotation('new-key-active', NEW.host), facts({ domain: domain({ active: NEW, revoked: OLD, safeToRemoveRevokedKey: true }) }))).toEqual({
      stage: 'old-key-safe-to-delete',
    });
    expect(nextStage(rotation('queued'), facts({ domain: domain({ active: NEW, revoked: OLD, safeToRemoveRevokedKey: true }) }))).toEqual({
      stage: 'old-key-safe-to-delete',
      newHost: NEW.host,
      newPublicKey: KEY_2048,
    });
  });

  it('deleted only on a DNS check made after "safe" that no longer finds the old key', () => {
    const safe = facts({ domain: domain({ active: NEW, revoked: OLD, safeToRemoveRevokedKey: true }), safeAt: '2026-02-01T00:00:00.000Z' });
    const check = (checkedAt: string, observed: string | null) => ({ ...(revokedRow(observed) as object), checkedAt, id: 42 }) as never;
    expect(nextStage(rotation('old-key-safe-to-delete', NEW.host), { ...safe, check: check('2026-02-02T00:00:00.000Z', OLD.value) })).toBeNull();
    expect(nextStage(rotation('old-key-safe-to-delete', NEW.host), { ...safe, check: check('2026-01-31T00:00:00.000Z', null) })).toBeNull();
    expect(nextStage(rotation('old-key-safe-to-delete', NEW.host), { ...safe, check: check('2026-02-02T00:00:00.000Z', null) })).toEqual({
      stage: 'old-key-deleted',
      checkId: 42,
    });
    expect(nextStage(rotation('old-key-deleted', NEW.host), { ...safe, check: check('2026-02-02T00:00:00.000Z', OLD.value) })).toBeNull();
  });
});
