import { describe, expect, it } from 'vitest';
import { dispositionFor, parseDmarc } from '../../../src-main/domain/dmarc-record/receiver';
import { isDmarcRecord } from '../../../src-main/domain/dmarc-record/tags';
import { effective } from '../../../src-main/dns/dmarc-policy';
import { DELIVERS_UNALIGNED_REASON, option2Verdict } from '../../../src-main/dns/option2-verdict';

describe('DMARC tag parser', () => {
  it('parses every tag with defaults', () => {
    const { record, errors, warnings } = parseDmarc('v=DMARC1; p=Reject; sp=none; np=quarantine; adkim=s; rua=mailto:a@x.com,mailto:b@y.com!10m; t=y');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ p: 'reject', sp: 'none', np: 'quarantine', adkim: 's', aspf: 'r', t: 'y', pct: null });
    expect(record.rua).toEqual(['mailto:a@x.com', 'mailto:b@y.com!10m']);
  });

  it('recognises only records whose first tag is v=DMARC1', () => {
    expect(isDmarcRecord('v=DMARC1; p=none')).toBe(true);
    expect(isDmarcRecord('v = DMARC1;p=none')).toBe(true);
    expect(isDmarcRecord('p=none; v=DMARC1')).toBe(false);
    expect(isDmarcRecord('v=DMARC10; p=none')).toBe(false);
    expect(isDmarcRecord('v=spf1 -all')).toBe(false);
  });

  it('reports invalid values, stray text, duplicates and a missing p', () => {
    expect(parseDmarc('v=DMARC1; p=block').errors).toEqual(['p=block is not none, quarantine or reject']);
    expect(parseDmarc('v=DMARC1; p=none; rua=dmarc@acme.com').errors[0]).toMatch(/not a mailto/);
    expect(parseDmarc('v=DMARC1; p=none; oops').errors[0]).toMatch(/not a tag=value/);
    expect(parseDmarc('v=DMARC1; p=none; p=reject').errors[0]).toMatch(/twice/);
    expect(parseDmarc('v=DMARC1; rua=mailto:a@b.com').errors).toEqual(['there is no p= policy tag']);
    expect(parseDmarc('v=DMARC1; p=none; pct=101').errors[0]).toMatch(/pct/);
  });

  it('warns about pct (dropped by RFC 9989) and unknown tags without failing', () => {
    const { errors, warnings, record } = parseDmarc('v=DMARC1; p=quarantine; pct=25; foo=bar');
    expect(errors).toEqual([]);
    expect(record.pct).toBe(25);
    expect(warnings).toHaveLength(2);
  });

  it('applies p to the domain, sp to subdomains and np (then sp, then p) to non-existent ones', () => {
    const { record } = parseDmarc('v=DMARC1; p=reject; sp=none; np=quarantine');
    expect(dispositionFor(record, 'domain')).toBe('reject');
    expect(dispositionFor(record, 'subdomain')).toBe('none');
    expect(dispositionFor(record, 'non-existent')).toBe('quarantine');
    const onlyP = parseDmarc('v=DMARC1; p=quarantine').record;
    expect(dispositionFor(onlyP, 'non-existent')).toBe('quarantine');
    const withSp = parseDmarc('v=DMARC1; p=reject; sp=none').record;
    expect(dispositionFor(withSp, 'non-existent')).toBe('none');
  });
});

describe('option 2 verdict', () => {
  it('fails on reject and quarantine, naming the softeners', () => {
    const reject = option2Verdict({ status: 'found', policy: effective('acme.com', 'acme.com', 'acme.com', 'v=DMARC1; p=reject', 'domain') });
    expect(reject.verdict).toBe('will-fail');
    expect(reject.reason).toMatch(/^p=reject on acme\.com: .*reject it/);
    const q = option2Verdict({ status: 'found', policy: effective('acme.com', 'acme.com', 'acme.com', 'v=DMARC1; p=quarantine; t=y', 'domain') });
    expect(q.verdict).toBe('will-fail');
    expect(q.reason).toMatch(/spam.*t=y/);
  });

  it('delivers unaligned on p=none or no record, and is unknown when DNS failed', () => {
    const none = option2Verdict({ status: 'found', policy: effective('acme.com', 'acme.com', 'acme.com', 'v=DMARC1; p=none', 'domain') });
    expect(none).toEqual({ verdict: 'delivers-unaligned', reason: DELIVERS_UNALIGNED_REASON });
    expect(option2Verdict({ status: 'none', reason: 'no record' })).toEqual({ verdict: 'delivers-unaligned', reason: 'delivers, shows via, not aligned' });
    expect(option2Verdict({ status: 'failed', cause: 'timeout', name: '_dmarc.acme.com' }).verdict).toBe('unknown');
  });

  it('names sp when a subdomain policy decides', () => {
    const sub = option2Verdict({ status: 'found', policy: effective('news.acme.com', 'acme.com', 'acme.com', 'v=DMARC1; p=none; sp=reject', 'subdomain') });
    expect(sub).toMatchObject({ verdict: 'will-fail' });
    expect(sub.reason).toMatch(/^sp=reject on acme\.com \(organisational domain\)/);
  });
});
