import { describe, expect, it } from 'vitest';
import { afterMiss, confirmPolicyFromEnv, DEFAULT_CONFIRM } from '../../../src-main/sends/confirm';

const lostAt = '2026-03-01T09:00:00.000Z';
const at = (s: number) => new Date(Date.parse(lostAt) + s * 1000);

describe('confirming a lost send with an eventually consistent search', () => {
  it('never re-sends inside the window, and waits until it ends', () => {
    expect(DEFAULT_CONFIRM.windowMs).toBeGreaterThanOrEqual(60_000);
    expect(afterMiss({ lostAt, misses: 0, lastMissAt: null }, at(5), DEFAULT_CONFIRM)).toEqual({
      kind: 'wait',
      until: at(60).toISOString(),
      misses: 0,
      lastMissAt: null,
    });
  });

  it('counts a first miss past the window, waits the spacing, and re-sends only after the second', () => {
    const first = afterMiss({ lostAt, misses: 0, lastMissAt: null }, at(61), DEFAULT_CONFIRM);
    expect(first).toEqual({ kind: 'wait', until: at(91).toISOString(), misses: 1, lastMissAt: at(61).toISOString() });
    const tooSoon = afterMiss({ lostAt, misses: 1, lastMissAt: at(61).toISOString() }, at(70), DEFAULT_CONFIRM);
    expect(tooSoon).toMatchObject({ kind: 'wait', until: at(91).toISOString(), misses: 1 });
    expect(afterMiss({ lostAt, misses: 1, lastMissAt: at(61).toISOString() }, at(91), DEFAULT_CONFIRM)).toEqual({ kind: 'resend' });
  });

  it('reads the window from BEHALF_POSTMARK_INDEX_WINDOW_S, ignoring nonsense', () => {
    expect(confirmPolicyFromEnv({ BEHALF_POSTMARK_INDEX_WINDOW_S: '120' })).toEqual({ windowMs: 120_000, spacingMs: 60_000 });
    expect(confirmPolicyFromEnv({ BEHALF_POSTMARK_INDEX_WINDOW_S: 'soon' })).toBe(DEFAULT_CONFIRM);
    expect(confirmPolicyFromEnv({})).toBe(DEFAULT_CONFIRM);
  });
});
