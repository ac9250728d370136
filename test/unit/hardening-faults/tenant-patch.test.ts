import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { tempServices } from '../../support/temp';

/**
 * Found by the token-exposure suite: an edit sent through a door (`tenants.update` with `{ notes }`) used to
 * come out of the contract schema with every default filled in, so the service wiped the option, the From
 * address, the contact and the tags. A partial edit must change only what it names.
 */
describe('hardening: a partial tenant edit through dispatch keeps untouched fields', () => {
  it.each([
    ['notes', { notes: 'called on Monday' }],
    ['tags', { tags: ['b', 'a', 'b'] }],
    ['contact name', { contactName: 'Ada' }],
  ])('%s only', async (_what, patch) => {
    const s = tempServices();
    try {
      const dispatch = createDispatch(createHandlers(s));
      const created = await dispatch('tenants.create', {
        name: 'Keep Co',
        domain: 'keep.example.test',
        option: 2,
        fromAddress: 'hello@keep.example.test',
        fromName: 'Keep',
        contactName: 'Grace',
        contactEmail: 'grace@keep.example.test',
        tags: ['vip'],
        notes: 'first',
      });
      expect(created.ok).toBe(true);
      const before = (created as { value: Record<string, unknown> }).value;
      const updated = await dispatch('tenants.update', { id: before.id, patch });
      expect(updated.ok).toBe(true);
      const after = (updated as { value: Record<string, unknown> }).value;
      const expected: Record<string, unknown> = { ...before, ...patch, ...('tags' in patch ? { tags: ['a', 'b'] } : {}) };
      for (const key of ['name', 'domain', 'option', 'fromAddress', 'fromName', 'contactName', 'contactEmail', 'tags', 'notes', 'status']) {
        expect(after[key], key).toEqual(expected[key]);
      }
      console.log(`[hardening/tenant-patch] ${Object.keys(patch).join(',')}: 10 fields checked, only the patched one changed`);
    } finally {
      s.close();
    }
  });
});
