import { describe, expect, it } from 'vitest';
import { TopRows } from '../../../src-main/core/top-rows';

describe('TopRows', () => {
  const shuffled = (n: number) => {
    // A fixed permutation (multiplying by a number prime to n), so the test is the same on every run.
    return Array.from({ length: n }, (_, i) => (i * 7_919) % n);
  };

  it('keeps the first `limit` in order, whatever order they come in, and counts every row', () => {
    const top = new TopRows<number>((a, b) => a - b, 25);
    for (const x of shuffled(10_007)) top.add(x);
    expect(top.rows()).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(top.count).toBe(10_007);
  });

  it('without a limit keeps and sorts every row', () => {
    const top = new TopRows<number>((a, b) => b - a);
    for (const x of shuffled(3_001)) top.add(x);
    expect(top.rows()).toEqual(Array.from({ length: 3_001 }, (_, i) => 3_000 - i));
  });

  it('fewer rows than the limit: all of them', () => {
    const top = new TopRows<string>((a, b) => a.localeCompare(b), 500);
    for (const x of ['c', 'a', 'b']) top.add(x);
    expect(top.rows()).toEqual(['a', 'b', 'c']);
  });
});
