import { describe, expect, it } from 'vitest';
import { parseDmarcRecord } from '../../../src-main/domain/dmarc-record/check';
import { parseDmarc } from '../../../src-main/domain/dmarc-record/receiver';
import { dmarcPolicyOf, dmarcTagValue, formatDmarcRecord, isDmarcRecord, sameDmarcRecord, splitDmarcTags } from '../../../src-main/domain/dmarc-record/tags';

// Issue 16: a DMARC record was read in six places (the DNS check, the DMARC screen, the live lookup, two sheet
// helpers, the sheet status). One reader now: RFC 7489 §6.4 tag-list syntax, §6.3 tags, §6.6.3 record choice.
describe('splitDmarcTags (RFC 7489 §6.4)', () => {
  it('ignores whitespace around tags, "=" and ";", and a trailing ";"', () => {
    expect(splitDmarcTags('  v = DMARC1 ;p=reject ;  rua = mailto:a@acme.example ; ')).toEqual({
      tags: [
        { name: 'v', value: 'DMARC1' },
        { name: 'p', value: 'reject' },
        { name: 'rua', value: 'mailto:a@acme.example' },
      ],
      stray: [],
    });
  });

  it('lower-cases tag names (case-insensitive) but keeps values as written', () => {
    expect(splitDmarcTags('V=DMARC1; P=Reject; RUA=mailto:DMARC@Acme.example').tags).toEqual([
      { name: 'v', value: 'DMARC1' },
      { name: 'p', value: 'Reject' },
      { name: 'rua', value: 'mailto:DMARC@Acme.example' },
    ]);
  });

  it('keeps unknown tags and duplicates in order, and never drops a segment without "="', () => {
    const r = splitDmarcTags('v=DMARC1; p=none; zz=1; p=reject; oops');
    expect(r.tags.map((t) => t.name)).toEqual(['v', 'p', 'zz', 'p']);
    expect(r.stray).toEqual(['oops']);
  });

  it('a value may hold "=": only the first one separates name from value', () => {
    expect(dmarcTagValue('v=DMARC1; p=none; rua=mailto:a=b@acme.example', 'RUA')).toBe('mailto:a=b@acme.example');
  });
});

describe('isDmarcRecord (§6.6.3: the first tag must be v=DMARC1)', () => {
  it('takes only records that start with v=DMARC1', () => {
    expect(isDmarcRecord('v=DMARC1')).toBe(true);
    expect(isDmarcRecord(' v = DMARC1 ; p=none')).toBe(true);
    expect(isDmarcRecord('p=none; v=DMARC1')).toBe(false);
    expect(isDmarcRecord('v=DMARC10; p=none')).toBe(false);
    expect(isDmarcRecord('v=spf1 -all')).toBe(false);
  });

  it('the publisher check still insists on the exact spelling receivers are promised', () => {
    expect(isDmarcRecord('v=dmarc1; p=none')).toBe(true);
    expect(parseDmarcRecord('v=dmarc1; p=none').issues.map((i) => i.code)).toContain('dmarc.record.bad-version');
    expect(parseDmarc('p=none; v=DMARC1').errors).toContain('the record does not start with v=DMARC1');
  });
});

describe('formatDmarcRecord and the readers agree', () => {
  it('writes v first, "; " between tags, and reads back to the same tags', () => {
    const tags = [
      { name: 'v', value: 'DMARC1' },
      { name: 'p', value: 'quarantine' },
      { name: 'rua', value: 'mailto:a@acme.example' },
    ];
    const text = formatDmarcRecord(tags);
    expect(text).toBe('v=DMARC1; p=quarantine; rua=mailto:a@acme.example');
    expect(splitDmarcTags(text).tags).toEqual(tags);
    expect(parseDmarcRecord(text).tags).toEqual(tags);
    expect(parseDmarc(text).record.p).toBe('quarantine');
  });

  it('reads the policy of a quoted or multi-string record, and nothing from a non-DMARC text', () => {
    expect(dmarcPolicyOf('"v=DMARC1; " "p=Reject"')).toBe('reject');
    expect(dmarcPolicyOf('v=spf1 p=reject')).toBeUndefined();
    expect(dmarcPolicyOf('v=DMARC1; rua=mailto:a@acme.example')).toBeUndefined();
    expect(dmarcPolicyOf(undefined)).toBeUndefined();
  });

  it('two spellings of one record are the same record; a changed value is not', () => {
    expect(sameDmarcRecord('"v=DMARC1;P=none ;rua=mailto:a@acme.example"', 'v=DMARC1; p=none; rua=mailto:a@acme.example')).toBe(true);
    expect(sameDmarcRecord('v=DMARC1; p=none', 'v=DMARC1; p=reject')).toBe(false);
    expect(sameDmarcRecord('v=DMARC1; p=none; x', 'v=DMARC1; p=none')).toBe(false);
  });
});
