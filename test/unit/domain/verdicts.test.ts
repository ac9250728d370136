import { describe, expect, it } from 'vitest';
import { vendorIdentityGaps } from '../../../src-preload/api/settings';
import { checkVerdict, option2Verdict, placementSourceWord, receivedAuthVerdicts, recordVerdict, tenantHealth } from '../../../src-preload/api/verdicts';

describe('one vocabulary for verdicts', () => {
  it('never puts ✓ ok on a record that is not there: informational rows are neutral', () => {
    // The MX row of an option 1 tenant with no MX: status "ok" in the check (nothing requires it).
    expect(recordVerdict({ status: 'ok', requirement: 'info', cause: 'nodata' })).toEqual({ tone: 'info', word: 'none found' });
    expect(recordVerdict({ status: 'ok', requirement: 'info', cause: 'dmarc-missing' })).toEqual({ tone: 'info', word: 'none found' });
    expect(recordVerdict({ status: 'ok', requirement: 'info', cause: 'ok' })).toEqual({ tone: 'info', word: 'found' });
    expect(recordVerdict({ status: 'ok', requirement: 'required', cause: 'ok' })).toEqual({ tone: 'ok', word: 'ok' });
    expect(recordVerdict({ status: 'missing', requirement: 'required', cause: 'nxdomain' })).toEqual({ tone: 'failing', word: 'missing' });
    expect(recordVerdict({ status: 'error', requirement: 'info', cause: 'timeout' })).toEqual({ tone: 'error', word: 'lookup failed' });
  });

  it('answers "is option 2 safe?" once, and no MX blocks it whatever DMARC says', () => {
    expect(option2Verdict({ dmarc: 'delivers-unaligned', policy: 'none', receivesMail: true })).toEqual({
      tone: 'warning',
      word: 'works for now: DMARC fails, delivered',
    });
    expect(option2Verdict({ dmarc: 'delivers-unaligned', policy: 'none', receivesMail: false }).tone).toBe('failing');
    expect(option2Verdict({ dmarc: 'delivers-unaligned', receivesMail: false }).word).toContain('no MX');
    expect(option2Verdict({ dmarc: 'will-fail', policy: 'quarantine' }).word).toBe('unsafe: DMARC fails → spam');
    expect(option2Verdict({ dmarc: 'unknown' }).tone).toBe('unknown');
  });

  it('lets the tenants list say "live" only when the last check agrees', () => {
    expect(tenantHealth('live', { status: 'failing' })).toEqual({ tone: 'failing', word: 'live · DNS failing' });
    expect(tenantHealth('live', { status: 'ok' })).toEqual({ tone: 'ok', word: 'live' });
    expect(tenantHealth('live', null)).toEqual({ tone: 'ok', word: 'live' });
    expect(tenantHealth('awaiting-dns', { status: 'failing' })).toEqual({ tone: 'pending', word: 'awaiting DNS' });
    expect(checkVerdict('error').word).toBe('DNS lookup failed');
  });

  it('counts the vendor as unnamed while the name is the default or the domain is empty', () => {
    expect(vendorIdentityGaps({ vendorName: 'Vendor', vendorDomain: '' })).toEqual(['vendorName', 'vendorDomain']);
    expect(vendorIdentityGaps({ vendorName: 'Northwind Mail', vendorDomain: '' })).toEqual(['vendorDomain']);
    expect(vendorIdentityGaps({ vendorName: 'Northwind Mail', vendorDomain: 'northwind.example' })).toEqual([]);
  });
});

describe("receivedAuthVerdicts (what the seed mailbox's receiver said)", () => {
  it('says each result with its domain, and alignment in words', () => {
    const v = receivedAuthVerdicts({
      spf: { result: 'pass', domain: 'pm.mtasv.net' },
      dkim: [
        { result: 'fail', domain: 'old.example' },
        { result: 'pass', domain: 'pm.mtasv.net' },
      ],
      dmarc: { result: 'fail', from: 'acme.test' },
      dkimAligned: false,
    });
    expect(v.spf).toEqual({ tone: 'ok', word: 'SPF pass pm.mtasv.net' });
    expect(v.dkim).toEqual({ tone: 'ok', word: 'DKIM pass pm.mtasv.net' });
    expect(v.dmarc).toEqual({ tone: 'failing', word: 'DMARC fail acme.test' });
    expect(v.alignment).toEqual({ tone: 'failing', word: 'DKIM not aligned with From' });
  });
  it('a check the receiver did not report is neutral, never ✓', () => {
    const v = receivedAuthVerdicts({ spf: null, dkim: [], dmarc: null, dkimAligned: null });
    expect([v.spf.tone, v.dkim.tone, v.dmarc.tone]).toEqual(['info', 'info', 'info']);
    expect(v.alignment.word).toBe('alignment unknown (no From)');
    expect(placementSourceWord('auto')).toBe('read from the mailbox');
  });
});
