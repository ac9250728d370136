import { describe, expect, it } from 'vitest';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderSheet } from '../../../src-main/sheets/render';
import { customerRules } from '../../../src-main/rules/sheet-wording';
import { evaluateSenderRules } from '../../../src-main/rules/sender-rules';
import type { SenderRules } from '../../../src-preload/api/rules';
import { optionInput, option1Input } from '../sheets/fixtures';

const failing = [
  { title: 'A DMARC record is published', reason: 'No DMARC record was found for acme.example.', fix: 'Add a TXT record at _dmarc.acme.example.' },
];

describe('failing sender rules on the instruction sheet', () => {
  it('adds a "Mailbox providers\' rules" section to md, html and pdf only when a rule fails', async () => {
    for (const format of ['md', 'html', 'pdf'] as const) {
      const plain = await renderSheet(buildSheet(optionInput(2)), format);
      const same = await renderSheet(buildSheet(optionInput(2, { senderRules: [] })), format);
      expect(same.equals(plain), `${format}: an empty list changes nothing`).toBe(true);
      const listed = await renderSheet(buildSheet(optionInput(2, { senderRules: failing })), format);
      expect(listed.equals(plain)).toBe(false);
      if (format !== 'pdf') {
        expect(listed.toString()).toContain("Mailbox providers' rules");
        expect(listed.toString()).toContain('_dmarc.acme.example');
      }
    }
  });

  it('speaks to the customer and leaves out what an option-1 sheet already asks for', () => {
    const facts = {
      domain: 'acme.example',
      vendorDomain: 'vendor.example',
      dns: { checkedAt: '2026-11-30T00:00:00Z', records: [], dmarc: null },
      complaints: { hasServer: true, fetched: true, sent7: 1000, rate: 0.5, limit: 0.3, aim: 0.1, minVolume: 100 },
      bulkMail: 'transactional' as const,
    };
    const report = (option: 1 | 2): SenderRules => {
      const items = evaluateSenderRules({ ...facts, option });
      return {
        tenantId: 't',
        name: 'Acme',
        domain: 'acme.example',
        option,
        bulkMail: 'transactional',
        dnsCheckedAt: null,
        items,
        failing: items.filter((i) => i.status === 'fail').length,
      };
    };
    expect(customerRules(report(1)).map((r) => r.title)).toEqual([
      'A DMARC record is published',
      'Few recipients report your mail as spam',
      'One-click unsubscribe on newsletters and offers',
    ]);
    const o2 = customerRules(report(2));
    expect(o2.map((r) => r.title)).toContain('Your From domain matches the signature');
    for (const r of o2) expect(`${r.reason} ${r.fix}`).not.toMatch(/behalf |tab\b|Postmark/);
    expect(buildSheet(option1Input()).senderRules).toBeUndefined();
  });
});
