import { describe, expect, it } from 'vitest';
import { dkimKey, joinTxt, judgeDkim, looksLikeDkim, normaliseDkimValue, parseDkimTags } from '../../../src-main/dns/dkim-value';
import { KEY_1024, KEY_2048, OTHER_KEY_1024, dkimValue } from '../../support/nsd/zoneFixtures';

describe('DKIM value normaliser', () => {
  it('joins TXT strings without separators', () => {
    expect(joinTxt(['k=rsa; p=MIGf', 'MA0G'])).toBe('k=rsa; p=MIGfMA0G');
  });

  it('parses tags, removing folding whitespace inside values', () => {
    const { tags, stray } = parseDkimTags(' v=DKIM1; k=rsa;\n p=MIGf MA0G\r\n CSqG ;');
    expect(tags).toEqual({ v: 'DKIM1', k: 'rsa', p: 'MIGfMA0GCSqG' });
    expect(stray).toEqual([]);
  });

  it('keeps text that is not name=value as stray', () => {
    expect(parseDkimTags(`k=rsa; ${KEY_1024}`).stray).toEqual([KEY_1024]);
  });

  it('normalises line breaks, spaces and quotes away for comparison', () => {
    const pasted = `"k=rsa;\n  p=${KEY_1024.slice(0, 100)}\n${KEY_1024.slice(100)}"`;
    expect(normaliseDkimValue(pasted)).toBe(normaliseDkimValue(dkimValue(KEY_1024)));
    expect(dkimKey(`k=rsa;p=${KEY_1024}`)).toBe(KEY_1024);
    expect(dkimKey('k=rsa')).toBeNull();
  });

  it('recognises DKIM-looking values and ignores SPF', () => {
    expect(looksLikeDkim(dkimValue(KEY_1024))).toBe(true);
    expect(looksLikeDkim(`"${dkimValue(KEY_1024)}"`)).toBe(true);
    expect(looksLikeDkim('v=spf1 -all')).toBe(false);
  });
});

describe('judgeDkim', () => {
  const expected = dkimValue(KEY_1024);
  it('accepts the same key with different spacing and without k=', () => {
    expect(judgeDkim([`p=${KEY_1024.slice(0, 50)} ${KEY_1024.slice(50)}`], expected).cause).toBe('ok');
    expect(judgeDkim([`k=rsa;p=${KEY_1024}`], 'k=rsa;  p=' + KEY_1024).cause).toBe('ok');
  });

  it('accepts a long key split over two strings', () => {
    const v = dkimValue(KEY_2048);
    expect(judgeDkim([v.slice(0, 255), v.slice(255)], v).cause).toBe('ok');
  });

  it('flags a different key as mismatch', () => {
    expect(judgeDkim([dkimValue(OTHER_KEY_1024)], expected).cause).toBe('dkim-mismatch');
  });

  it('flags a key cut short as truncated, with and without the expected value', () => {
    const v = dkimValue(KEY_2048);
    expect(judgeDkim([v.slice(0, 255)], v)).toMatchObject({ cause: 'dkim-truncated' });
    expect(judgeDkim([v.slice(0, 255)]).cause).toBe('dkim-truncated');
    expect(judgeDkim([v.slice(0, 200)], v).cause).toBe('dkim-truncated');
  });

  it('flags literal quotes before anything else', () => {
    expect(judgeDkim([`"${expected}"`], expected)).toEqual({ cause: 'dkim-quoted', detail: 'the value contains quote characters' });
    expect(judgeDkim([`"${dkimValue(OTHER_KEY_1024)}"`], expected).detail).toMatch(/also differs/);
  });

  it('flags a missing p=, an empty key, a bad version and non-base64 as malformed', () => {
    expect(judgeDkim([`k=rsa; ${KEY_1024}`], expected).cause).toBe('dkim-malformed');
    expect(judgeDkim(['v=DKIM1; k=rsa; p='], expected).cause).toBe('dkim-malformed');
    expect(judgeDkim([`v=DKIM2; p=${KEY_1024}`], expected).cause).toBe('dkim-malformed');
    expect(judgeDkim(['k=rsa; p=not*base64!'], undefined).cause).toBe('dkim-malformed');
  });

  it('accepts a well-formed key when no expected value is known', () => {
    expect(judgeDkim([expected]).cause).toBe('ok');
  });
});
