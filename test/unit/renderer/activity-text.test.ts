import { describe, expect, it } from 'vitest';
import { activityLine } from '../../../src-renderer/features/tenants/activity-text';
import type { AuditEntry } from '../../../src-preload/api/tenants';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  tenantId: 't',
  at: '2026-01-01T00:00:00Z',
  action: 'updated',
  field: null,
  oldValue: null,
  newValue: null,
  ...over,
});

describe('Activity in words (issue #24)', () => {
  it('says what changed instead of "updated option ∅ → 1"', () => {
    expect(activityLine(entry({ field: 'option', oldValue: null, newValue: '1' }))).toEqual({
      what: 'Sending option changed',
      detail: 'set to option 1',
      tone: null,
    });
    expect(activityLine(entry({ field: 'status', oldValue: 'awaiting-dns', newValue: 'live' })).detail).toBe('from awaiting DNS to live');
  });
  it('names actions in words and marks failures', () => {
    expect(activityLine(entry({ action: 'postmark.succeeded', newValue: 'Create the domain acme.com' }))).toEqual({
      what: 'Postmark operation done',
      detail: 'Create the domain acme.com',
      tone: null,
    });
    expect(activityLine(entry({ action: 'sheet.send-failed', newValue: 'Nothing was sent' })).tone).toBe('failing');
    expect(activityLine(entry({ action: 'sends.sent-failed' })).what).toBe('Test send refused');
    expect(activityLine(entry({ action: 'sheet.send-unknown' })).tone).toBe('warning');
    // An action nobody named yet still reads as words, not as a code.
    expect(activityLine(entry({ action: 'dmarc.something-new' })).what).toBe('dmarc something new');
  });
});
