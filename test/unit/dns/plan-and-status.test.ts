import { describe, expect, it } from 'vitest';
import { CAUSE_CODES, statusFor } from '../../../src-main/dns/causes';
import { expectedRecords, planChecks } from '../../../src-main/dns/expected-records';
import { doubledName, qualify } from '../../../src-main/dns/names';
import { oneLine, recordResult } from '../../../src-main/dns/record-result';
import { summarizeStatus } from '../../../src-main/dns/report';

describe('cause codes', () => {
  it('keeps the stable codes the brief named, in order, with additions only at the end', () => {
    expect(CAUSE_CODES.slice(0, 20)).toEqual([
      'ok',
      'nxdomain',
      'nodata',
      'timeout',
      'servfail',
      'doubled-suffix',
      'proxied-cname',
      'cname-wrong-target',
      'dkim-mismatch',
      'dkim-truncated',
      'dkim-quoted',
      'dkim-malformed',
      'spf-multiple',
      'spf-too-many-lookups',
      'spf-void-lookups',
      'dmarc-missing',
      'dmarc-multiple',
      'dmarc-invalid',
      'stale-cache',
      'revoked-key-still-published',
    ]);
  });

  it('derives status from cause and requirement', () => {
    expect(statusFor('ok', 'required')).toBe('ok');
    expect(statusFor('nxdomain', 'required')).toBe('missing');
    expect(statusFor('doubled-suffix', 'required')).toBe('missing');
    expect(statusFor('dkim-mismatch', 'required')).toBe('mismatch');
    expect(statusFor('dmarc-missing', 'recommended')).toBe('warning');
    expect(statusFor('nodata', 'info')).toBe('ok');
    expect(statusFor('spf-too-many-lookups', 'info')).toBe('warning');
    expect(statusFor('timeout', 'info')).toBe('error');
    expect(statusFor('stale-cache', 'required')).toBe('warning');
  });
});

describe('names', () => {
  it('qualifies relative hosts and keeps absolute ones', () => {
    expect(qualify('pm-bounces', 'acme.com')).toBe('pm-bounces.acme.com');
    expect(qualify('PM-Bounces.acme.com', 'acme.com')).toBe('pm-bounces.acme.com');
    expect(qualify('bounce.other.net.', 'acme.com')).toBe('bounce.other.net');
    expect(qualify('@', 'acme.com')).toBe('acme.com');
    expect(doubledName('pm-bounces.acme.com', 'acme.com')).toBe('pm-bounces.acme.com.acme.com');
  });
});

describe('records expected per option', () => {
  const base = { domain: 'acme.com', dkimHost: 's1pm._domainkey', dkimValue: 'k=rsa; p=AAAA' };
  const kinds = (input: Parameters<typeof planChecks>[0]) => planChecks(input).map((p) => `${p.kind}:${'requirement' in p ? p.requirement : 'info'}`);

  it('option 1 requires DKIM and Return-Path (assuming pm-bounces), recommends DMARC', () => {
    expect(kinds({ ...base, option: 1 })).toEqual(['dkim:required', 'return-path:required', 'dmarc:recommended', 'spf:info', 'mx:info']);
    const rp = planChecks({ domain: 'acme.com', option: 1 }).find((p) => p.kind === 'return-path');
    expect(rp).toEqual({ kind: 'return-path', name: 'pm-bounces.acme.com', requirement: 'required', assumed: true });
    expect(planChecks({ domain: 'acme.com', option: 1 })[0]).toEqual({ kind: 'dkim', name: null, requirement: 'required' });
  });

  it('option 2 requires nothing; MX matters for the confirmation email', () => {
    expect(kinds({ domain: 'acme.com', option: 2 })).toEqual(['dmarc:info', 'spf:info', 'mx:recommended']);
  });

  it('option 3 needs nothing from the customer; given values are checked as info', () => {
    expect(kinds({ domain: 'acme.com', option: 3 })).toEqual(['dmarc:info', 'spf:info', 'mx:info']);
    expect(kinds({ ...base, option: 3 })).toEqual(['dkim:info', 'dmarc:info', 'spf:info', 'mx:info']);
  });

  it('adds the revoked key when one is given', () => {
    const plan = planChecks({ ...base, option: 1, revokedDkimHost: 'old._domainkey', safeToRemoveRevoked: true });
    expect(plan.find((p) => p.kind === 'dkim-revoked')).toEqual({ kind: 'dkim-revoked', name: 'old._domainkey.acme.com', safeToRemove: true });
  });

  it('lists the records to ask the customer for', () => {
    expect(expectedRecords({ ...base, option: 1, returnPath: 'bounces' })).toEqual([
      { kind: 'dkim', type: 'TXT', name: 's1pm._domainkey.acme.com', value: 'k=rsa; p=AAAA', requirement: 'required' },
      { kind: 'return-path', type: 'CNAME', name: 'bounces.acme.com', value: 'pm.mtasv.net', requirement: 'required' },
      { kind: 'dmarc', type: 'TXT', name: '_dmarc.acme.com', value: 'v=DMARC1; p=none; rua=mailto:…', requirement: 'recommended' },
    ]);
    expect(expectedRecords({ domain: 'acme.com', option: 2 })).toEqual([]);
  });
});

describe('summarizeStatus', () => {
  const row = (cause: Parameters<typeof recordResult>[3], req: Parameters<typeof recordResult>[2]) =>
    recordResult('dkim', 'x.acme.com', req, cause, { message: 'm', fix: 'f' });
  const delivers = { verdict: 'delivers-unaligned' as const, reason: 'delivers, shows via, not aligned' };
  const fails = { verdict: 'will-fail' as const, reason: 'p=reject' };

  it('orders failing > error > warning > ok', () => {
    expect(summarizeStatus({ option: 1, option2: delivers, records: [row('ok', 'required')] })).toBe('ok');
    expect(summarizeStatus({ option: 1, option2: delivers, records: [row('ok', 'required'), row('dmarc-missing', 'recommended')] })).toBe('warning');
    expect(summarizeStatus({ option: 1, option2: delivers, records: [row('timeout', 'required'), row('dmarc-missing', 'recommended')] })).toBe('error');
    expect(summarizeStatus({ option: 1, option2: delivers, records: [row('timeout', 'required'), row('nxdomain', 'required')] })).toBe('failing');
    expect(summarizeStatus({ option: 3, option2: delivers, records: [row('timeout', 'info')] })).toBe('warning');
  });

  it('fails option 2 when its DMARC verdict is will-fail, and only then', () => {
    expect(summarizeStatus({ option: 2, option2: fails, records: [] })).toBe('failing');
    expect(summarizeStatus({ option: 1, option2: fails, records: [] })).toBe('ok');
    expect(summarizeStatus({ option: 2, option2: { verdict: 'unknown', reason: 'timeout' }, records: [] })).toBe('error');
  });
});

describe('oneLine', () => {
  it('joins the lines of a message with one space, and trims it', () => {
    expect(oneLine('SPF has\r\n   10 lookups;\n\nthe limit is 10.  ')).toBe('SPF has 10 lookups; the limit is 10.');
    expect(oneLine('a\rb')).toBe('a b');
  });

  it('leaves a message without a line break as it is, but trimmed', () => {
    const message = 'Publish the DKIM key at pm._domainkey.acme.example: TXT  "k=rsa; p=MIGf…"';
    expect(oneLine(message)).toBe(message);
    expect(oneLine(`  ${message}\t`)).toBe(message);
  });
});
