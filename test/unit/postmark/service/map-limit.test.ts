import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../../src-main/postmark/service/map-limit';

const tick = () => new Promise((r) => setImmediate(r));

describe('mapLimit', () => {
  it('keeps input order and never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit(
      Array.from({ length: 40 }, (_, i) => i),
      8,
      async (n) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (let i = 0; i < (n % 5) + 1; i++) await tick();
        inFlight -= 1;
        return n * 2;
      },
    );
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(most).toBe(8);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, async (n) => {
        started.push(n);
        await tick();
        if (n === 3) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    await tick();
    await tick();
    expect(started.length).toBeLessThanOrEqual(5);
  });

  it('handles an empty list', async () => {
    expect(await mapLimit([], 8, async () => 1)).toEqual([]);
  });
});
