import { describe, expect, it } from 'vitest';
import { dueAt, isDue, wholeDays } from '../../../src-main/dkim/due';

describe('DKIM rotation due dates', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(dueAt('2026-01-15T10:00:00.000Z', 6).toISOString()).toBe('2026-07-15T10:00:00.000Z');
    expect(dueAt('2025-08-31T00:00:00.000Z', 6).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(dueAt('2027-08-31T00:00:00.000Z', 6).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(dueAt('2026-03-01T00:00:00.000Z', 12).toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it('is due from the due instant on, never without a first sighting', () => {
    const seen = '2026-01-15T10:00:00.000Z';
    expect(isDue(seen, 6, new Date('2026-07-15T09:59:59.000Z'))).toBe(false);
    expect(isDue(seen, 6, new Date('2026-07-15T10:00:00.000Z'))).toBe(true);
    expect(isDue(seen, 12, new Date('2026-07-15T10:00:00.000Z'))).toBe(false);
    expect(isDue(null, 1, new Date('2099-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('counts whole days of age', () => {
    expect(wholeDays('2026-01-01T12:00:00.000Z', new Date('2026-01-31T11:59:00.000Z'))).toBe(29);
    expect(wholeDays('2026-01-01T12:00:00.000Z', new Date('2026-01-31T12:00:00.000Z'))).toBe(30);
  });
});
