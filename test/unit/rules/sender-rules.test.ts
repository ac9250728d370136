import { describe, expect, it } from 'vitest';
import {
  alignmentRule,
  complaintsRule,
  dkimRule,
  dmarcRule,
  evaluateSenderRules,
  ptrRule,
  spfRule,
  unsubscribeRule,
  type SenderFacts,
} from '../../../src-main/rules/sender-rules';
import { SENDER_RULE_IDS } from '../../../src-preload/api/rules';

const okDns = {
  checkedAt: '2026-11-30T10:00:00.000Z',
  records: [
    { kind: 'dkim', status: 'ok' },
    { kind: 'return-path', status: 'ok' },
    { kind: 'spf', status: 'ok' },
  ],
  dmarc: { record: 'v=DMARC1; p=none', p: 'none' },
};
const facts = (over: Partial<SenderFacts> = {}): SenderFacts => ({
  option: 1,
  domain: 'acme.example',
  vendorDomain: 'vendor.example',
  dns: okDns,
  complaints: { hasServer: true, fetched: true, sent7: 5000, rate: 0.02, limit: 0.3, aim: 0.1, minVolume: 100 },
  bulkMail: 'broadcast',
  ...over,
});
const withRecord = (kind: string, status: string) => ({ ...okDns, records: okDns.records.map((r) => (r.kind === kind ? { kind, status } : r)) });

describe('sender rules, one by one', () => {
  it("SPF: passes on the Return-Path CNAME (option 1), fails when it is missing, passes on Postmark's domain under option 2", () => {
    expect(spfRule(facts()).status).toBe('pass');
    const missing = spfRule(facts({ dns: withRecord('return-path', 'missing') }));
    expect(missing).toMatchObject({ status: 'fail' });
    expect(missing.fix).toMatch(/Return-Path CNAME/);
    expect(spfRule(facts({ option: 2, dns: null })).status).toBe('pass');
    expect(spfRule(facts({ dns: null })).status).toBe('not-checked');
    expect(spfRule(facts({ option: 3 })).status).toBe('not-checked');
    expect(spfRule(facts({ option: null })).status).toBe('not-checked');
  });

  it('DKIM: passes when the key is published, fails when it is a mismatch, not checked without a DNS check', () => {
    expect(dkimRule(facts()).status).toBe('pass');
    const bad = dkimRule(facts({ dns: withRecord('dkim', 'mismatch') }));
    expect(bad.status).toBe('fail');
    expect(bad.reason).toMatch(/mismatch/);
    expect(dkimRule(facts({ dns: null })).status).toBe('not-checked');
    expect(dkimRule(facts({ option: 2 })).status).toBe('pass');
  });

  it('DMARC: passes with p=none, fails with no record (fix names _dmarc.<domain>), vendor side under option 3', () => {
    expect(dmarcRule(facts()).reason).toMatch(/p=none/);
    const none = dmarcRule(facts({ dns: { ...okDns, dmarc: null } }));
    expect(none.status).toBe('fail');
    expect(none.fix).toMatch(/_dmarc\.acme\.example/);
    expect(dmarcRule(facts({ dns: { ...okDns, dmarc: { record: 'v=DMARC1', p: null } } })).status).toBe('fail');
    expect(dmarcRule(facts({ option: 3 }))).toMatchObject({ status: 'not-checked' });
    expect(dmarcRule(facts({ option: 3 })).fix).toMatch(/vendor\.example/);
  });

  it('alignment: option 1 aligned when DKIM is in place, option 2 never aligned (fix: option 1 or 3), option 3 aligned', () => {
    expect(alignmentRule(facts()).status).toBe('pass');
    expect(alignmentRule(facts({ dns: withRecord('dkim', 'missing') })).status).toBe('fail');
    const o2 = alignmentRule(facts({ option: 2 }));
    expect(o2.status).toBe('fail');
    expect(o2.fix).toMatch(/option 1/);
    expect(alignmentRule(facts({ option: 3 })).status).toBe('pass');
  });

  it("PTR: Postmark's IPs are not checked per tenant (no source found for their rDNS), with nothing for staff to do", () => {
    expect(ptrRule()).toEqual({ status: 'not-checked', reason: expect.stringMatching(/Postmark/), fix: '' });
  });

  it('complaints: fail at the 0.3 % limit, pass under it (warned over the aim), n/a without a server or volume', () => {
    const c = facts().complaints;
    expect(complaintsRule(facts()).status).toBe('pass');
    expect(complaintsRule(facts({ complaints: { ...c, rate: 0.3 } })).status).toBe('fail');
    const over = complaintsRule(facts({ complaints: { ...c, rate: 0.15 } }));
    expect(over).toMatchObject({ status: 'pass' });
    expect(over.reason).toMatch(/over the 0\.1 %/);
    expect(complaintsRule(facts({ complaints: { ...c, hasServer: false } })).status).toBe('n/a');
    expect(complaintsRule(facts({ complaints: { ...c, sent7: 40 } })).status).toBe('n/a');
    expect(complaintsRule(facts({ complaints: { ...c, fetched: false } })).status).toBe('not-checked');
  });

  it('one-click unsubscribe: Broadcast stream passes, transactional stream fails, no bulk mail is n/a, unknown not checked', () => {
    expect(unsubscribeRule(facts()).status).toBe('pass');
    const tx = unsubscribeRule(facts({ bulkMail: 'transactional' }));
    expect(tx.status).toBe('fail');
    expect(tx.fix).toMatch(/Broadcast message stream/);
    expect(unsubscribeRule(facts({ bulkMail: 'none' })).status).toBe('n/a');
    expect(unsubscribeRule(facts({ bulkMail: null })).status).toBe('not-checked');
  });
});

describe('the checklist', () => {
  it('lists every rule once, in order, each with a source and a fix whenever it fails', () => {
    const items = evaluateSenderRules(facts({ option: 2, bulkMail: 'transactional', dns: { ...okDns, dmarc: null } }));
    expect(items.map((i) => i.id)).toEqual([...SENDER_RULE_IDS]);
    for (const i of items) {
      expect(i.sources.length).toBeGreaterThan(0);
      if (i.status === 'fail') expect(i.fix).not.toBe('');
    }
    expect(items.filter((i) => i.status === 'fail').map((i) => i.id)).toEqual(['dmarc', 'alignment', 'one-click-unsubscribe']);
  });

  it('an option-1 tenant with its records, DMARC, low complaints and a Broadcast stream fails nothing', () => {
    expect(evaluateSenderRules(facts()).filter((i) => i.status === 'fail')).toEqual([]);
  });
});
