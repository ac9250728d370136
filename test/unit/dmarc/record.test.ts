import { describe, expect, it } from 'vitest';
import { parseDmarcRecord, tagValue } from '../../../src-main/domain/dmarc-record/check';
import { buildDmarcRecord } from '../../../src-main/dmarc/record-build';
import { diffDmarcRecords } from '../../../src-main/dmarc/record-diff';

const codes = (txt: string) => parseDmarcRecord(txt).issues.map((i) => `${i.severity}:${i.code}${i.tag ? `:${i.tag}` : ''}`);

describe('parseDmarcRecord', () => {
  it('reads tags in order, trimmed, names lower-cased', () => {
    const r = parseDmarcRecord(' v=DMARC1 ;P=reject; rua=mailto:a@acme.example , mailto:b@x.example;adkim=s; ');
    expect(r.valid).toBe(true);
    expect(r.tags).toEqual([
      { name: 'v', value: 'DMARC1' },
      { name: 'p', value: 'reject' },
      { name: 'rua', value: 'mailto:a@acme.example , mailto:b@x.example' },
      { name: 'adkim', value: 's' },
    ]);
    expect(r.issues).toEqual([]);
    expect(tagValue(r, 'adkim')).toBe('s');
  });

  it('accepts RFC 9989 tags np, t and psd', () => {
    expect(parseDmarcRecord('v=DMARC1; p=quarantine; np=reject; t=y; psd=n').issues).toEqual([]);
  });

  it('needs v=DMARC1 first, exactly', () => {
    expect(codes('p=reject; v=DMARC1')).toContain('error:dmarc.record.no-version:v');
    expect(codes('v=dmarc1; p=reject')).toContain('error:dmarc.record.bad-version:v');
    expect(parseDmarcRecord('p=reject; v=DMARC1').valid).toBe(false);
  });

  it('reports bad values, duplicates and syntax with the tag concerned', () => {
    expect(codes('v=DMARC1; p=block; adkim=x; t=maybe; fo=2; pct=150')).toEqual(
      expect.arrayContaining([
        'error:dmarc.record.bad-value:p',
        'error:dmarc.record.bad-value:adkim',
        'error:dmarc.record.bad-value:t',
        'error:dmarc.record.bad-value:fo',
        'error:dmarc.record.bad-value:pct',
      ]),
    );
    expect(codes('v=DMARC1; p=none; p=reject')).toContain('error:dmarc.record.duplicate-tag:p');
    expect(codes('v=DMARC1; p=none; oops')).toContain('error:dmarc.record.syntax');
    expect(codes('v=DMARC1; p=none; rua=https://acme.example/r')).toContain('error:dmarc.record.bad-value:rua');
  });

  it('warns (not errors) about the tags RFC 9989 dropped and unknown tags', () => {
    const r = parseDmarcRecord('v=DMARC1; p=none; pct=100; rua=mailto:re+abc@dmarc.postmarkapp.com; sp=none; aspf=r; ri=86400; zz=1');
    expect(r.valid).toBe(true);
    expect(codes('v=DMARC1; p=none; pct=100; ri=86400; zz=1')).toEqual([
      'warning:dmarc.record.obsolete-tag:pct',
      'warning:dmarc.record.obsolete-tag:ri',
      'warning:dmarc.record.unknown-tag:zz',
    ]);
  });

  it('treats a missing p as p=none only when reports are requested (RFC 9989)', () => {
    expect(codes('v=DMARC1; rua=mailto:a@acme.example')).toEqual(['warning:dmarc.record.missing-p:p']);
    expect(codes('v=DMARC1')).toEqual(['error:dmarc.record.missing-p:p']);
  });

  it('accepts the RFC 7489 size suffix on report addresses', () => {
    expect(parseDmarcRecord('v=DMARC1; p=none; rua=mailto:a@acme.example!10m').valid).toBe(true);
  });
});

describe('buildDmarcRecord', () => {
  it('builds a minimal record without pct', () => {
    const r = buildDmarcRecord('Acme.Example.', { p: 'none' });
    expect(r.name).toBe('_dmarc.acme.example');
    expect(r.value).toBe('v=DMARC1; p=none');
    expect(r.authorizations).toEqual([]);
    expect(r.value).not.toContain('pct');
  });

  it('writes every chosen tag in a stable order and round-trips through the parser', () => {
    const r = buildDmarcRecord('acme.example', {
      p: 'reject',
      sp: 'quarantine',
      np: 'reject',
      adkim: 's',
      aspf: 'r',
      t: true,
      fo: '1:d',
      rua: ['mailto:dmarc@acme.example'],
      ruf: ['mailto:ruf@acme.example'],
    });
    expect(r.value).toBe(
      'v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=r; t=y; fo=1:d; rua=mailto:dmarc@acme.example; ruf=mailto:ruf@acme.example',
    );
    const parsed = parseDmarcRecord(r.value);
    expect(parsed.issues).toEqual([]);
    expect(parsed.tags).toEqual(r.tags);
  });

  it('emits pct only as legacyPct, with a warning', () => {
    const r = buildDmarcRecord('acme.example', { p: 'quarantine', legacyPct: 25, rua: ['mailto:d@acme.example'] });
    expect(r.value).toBe('v=DMARC1; p=quarantine; pct=25; rua=mailto:d@acme.example');
    expect(r.warnings.join(' ')).toMatch(/obsolete/);
  });

  it('adds the external-destination authorisation for report domains of another organisation', () => {
    const r = buildDmarcRecord('shop.acme.example', {
      p: 'none',
      rua: ['mailto:re+x1@dmarc.postmarkapp.com', 'mailto:agg@acme.example', 'mailto:second@dmarc.postmarkapp.com'],
      ruf: ['mailto:f@reports.vendor.example'],
    });
    expect(r.authorizations.map(({ name, value, reportDomain }) => ({ name, value, reportDomain }))).toEqual([
      { name: 'shop.acme.example._report._dmarc.dmarc.postmarkapp.com', value: 'v=DMARC1', reportDomain: 'dmarc.postmarkapp.com' },
      { name: 'shop.acme.example._report._dmarc.reports.vendor.example', value: 'v=DMARC1', reportDomain: 'reports.vendor.example' },
    ]);
  });

  it('splits long values into 255-byte strings', () => {
    const rua = Array.from({ length: 12 }, (_, i) => `mailto:reports-${i}-long-local-part@acme.example`);
    const r = buildDmarcRecord('acme.example', { p: 'none', rua });
    expect(r.value.length).toBeGreaterThan(255);
    expect(r.strings.every((s) => s.length <= 255)).toBe(true);
    expect(r.strings.join('')).toBe(r.value);
  });

  it('refuses bad input with a person-readable error', () => {
    expect(() => buildDmarcRecord('acme.example', { p: 'block' as never })).toThrow(expect.objectContaining({ code: 'dmarc.record.invalid-input' }));
    expect(() => buildDmarcRecord('acme.example', { p: 'none', rua: ['dmarc@acme.example'] })).toThrow(
      expect.objectContaining({ code: 'dmarc.record.invalid-input' }),
    );
    expect(() => buildDmarcRecord('not a domain', { p: 'none' })).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });
});

describe('diffDmarcRecords', () => {
  it('lists added, removed and changed tags', () => {
    const published = 'v=DMARC1; p=none; pct=100; rua=mailto:re+abc@dmarc.postmarkapp.com; sp=none; aspf=r;';
    const proposed = buildDmarcRecord('acme.example', { p: 'quarantine', aspf: 'r', rua: ['mailto:re+abc@dmarc.postmarkapp.com'], t: true }).value;
    const d = diffDmarcRecords(published, proposed);
    expect(d.identical).toBe(false);
    expect(d.changes).toEqual([
      { tag: 'p', kind: 'changed', from: 'none', to: 'quarantine' },
      { tag: 't', kind: 'added', to: 'y' },
      { tag: 'pct', kind: 'removed', from: '100' },
      { tag: 'sp', kind: 'removed', from: 'none' },
    ]);
    expect(d.publishedIssues.map((i) => i.code)).toEqual(['dmarc.record.obsolete-tag']);
  });

  it('ignores case and spacing where receivers do', () => {
    const d = diffDmarcRecords('v=DMARC1;p=Reject;rua=MAILTO:Agg@ACME.example', 'v=DMARC1; p=reject; rua=mailto:Agg@acme.example');
    expect(d).toEqual({ identical: true, changes: [], publishedIssues: [] });
    expect(diffDmarcRecords('v=DMARC1; p=none; rua=mailto:Agg@acme.example', 'v=DMARC1; p=none; rua=mailto:agg@acme.example').identical).toBe(false);
  });

  it('treats "nothing published" as every tag added', () => {
    expect(diffDmarcRecords(null, 'v=DMARC1; p=none').changes).toEqual([
      { tag: 'v', kind: 'added', to: 'DMARC1' },
      { tag: 'p', kind: 'added', to: 'none' },
    ]);
  });
});

describe('record builder warns about p=none without reports (issue #24)', () => {
  it('says that p=none without rua= monitors nothing, and is quiet once an rua is given', () => {
    const bare = buildDmarcRecord('acme.example', { p: 'none' });
    expect(bare.warnings).toContainEqual(expect.stringMatching(/^p=none without rua= monitors nothing/));
    const watched = buildDmarcRecord('acme.example', { p: 'none', rua: ['mailto:dmarc@acme.example'] });
    expect(watched.warnings.filter((w) => w.includes('rua='))).toEqual([]);
  });
});
