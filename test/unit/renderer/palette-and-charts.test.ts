import { describe, expect, it } from 'vitest';
import { fuzzyScore } from '../../../src-renderer/components/fuzzy';
import { labelIndexes } from '../../../src-renderer/features/dmarc/chart-scale';

describe('fuzzyScore (command palette)', () => {
  it('matches subsequences case-insensitively and rejects the rest', () => {
    expect(fuzzyScore('dmrc', 'DMARC')).not.toBeNull();
    expect(fuzzyScore('xyz', 'DMARC')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });
  it('ranks a substring at a word start above a scattered match', () => {
    const dns = fuzzyScore('dns', 'DNS checks')!;
    const scattered = fuzzyScore('dns', 'Add new site')!;
    expect(dns).toBeGreaterThan(scattered);
    expect(fuzzyScore('recheck', 'Recheck DNS of all tenants')!).toBeGreaterThan(fuzzyScore('recheck', 'bulk recheck records')!);
  });
});

describe('labelIndexes (chart x axis)', () => {
  it('always shows the last day without a neighbour label colliding with it', () => {
    const fourteen = [...labelIndexes(14)].sort((a, b) => a - b);
    expect(fourteen).toContain(13);
    expect(fourteen).not.toContain(12); // "Nov 22Nov 23" was drawn before
    expect(fourteen[0]).toBe(0);
  });
  it('keeps every label when there are few days', () => {
    expect([...labelIndexes(5)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect([...labelIndexes(1)]).toEqual([0]);
    expect([...labelIndexes(0)]).toEqual([]);
  });
  it('spaces labels by at least one step', () => {
    for (const n of [9, 15, 30, 31, 90]) {
      const xs = [...labelIndexes(n)].sort((a, b) => a - b);
      const step = Math.ceil(n / 8);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(step);
    }
  });
});
