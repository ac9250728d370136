import { describe, expect, it } from 'vitest';
import { organisationalDomain } from '../../../src-main/domain/org-domain';
import { zoneCandidates } from '../../../src-main/dns/authoritative';
import { zoneOf } from '../../../src-main/sheets/model-records';

describe('organisationalDomain: the one rule', () => {
  it('is the registrable domain by the Public Suffix List', () => {
    expect(organisationalDomain('mail.acme.com')).toBe('acme.com');
    expect(organisationalDomain('news.acme.co.uk')).toBe('acme.co.uk');
    expect(organisationalDomain('acme.com')).toBe('acme.com');
  });

  // Why private PSL entries count: RFC 7489 §3.2 names the whole list, and the owner of github.io does not own
  // acme.github.io, so _dmarc.github.io must never be taken as acme's policy, nor github.io as acme's DNS zone.
  it('treats private PSL suffixes as public: acme.github.io is its own organisational domain', () => {
    expect(organisationalDomain('mail.acme.github.io')).toBe('acme.github.io');
    expect(organisationalDomain('acme.herokuapp.com')).toBe('acme.herokuapp.com');
  });

  it('is the same answer for DMARC discovery, zone apex guesses and a sheet’s zone', () => {
    for (const d of ['mail.acme.github.io', 'news.acme.co.uk']) {
      expect(zoneOf(d)).toBe(organisationalDomain(d));
      expect(zoneCandidates(d).at(-1)).toBe(organisationalDomain(d));
    }
  });
});
