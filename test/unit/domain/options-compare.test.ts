import { describe, expect, it } from 'vitest';
import {
  compareOptions,
  isPublicMailboxDomain,
  PUBLIC_MAILBOX_DOMAINS,
  type DmarcFact,
  type OptionComparison,
  type OptionsFacts,
  type OptionsTenant,
} from '../../../src-main/domain/options';

function facts(over: Partial<OptionsFacts> = {}, tenant: Partial<OptionsTenant> = {}): OptionsFacts {
  return {
    tenant: { name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com', fromName: 'Jane', option: 2, ...tenant },
    offered: [1, 3],
    vendor: { name: 'Sendwise', sendingDomain: 'sendwise.com', addressPattern: 'per-customer' },
    ...over,
  };
}
const byOption = (list: OptionComparison[], o: 1 | 2 | 3) => list.find((c) => c.option === o)!;

describe('compareOptions: shape', () => {
  it('lists options 1, 2, 3 with offered and current flags', () => {
    const list = compareOptions(facts());
    expect(list.map((c) => [c.option, c.offered, c.current])).toEqual([
      [1, true, false],
      [2, false, true],
      [3, true, false],
    ]);
    expect(list.every((c) => c.title.length > 0)).toBe(true);
  });
});

describe('compareOptions: branding previews use the tenant and the signing domain', () => {
  const list = compareOptions(facts());
  it('option 1 shows no via and no on behalf of', () => {
    const p = byOption(list, 1).branding.preview;
    expect(p).toMatchObject({ gmail: 'Jane <support@acme.com>', gmailVia: null, outlook: 'Jane <support@acme.com>', outlookOnBehalfOf: null });
    expect(byOption(list, 1).branding.customerVisible).toBe('name-and-address');
  });
  it('option 2 shows Gmail "via pm.mtasv.net" and Outlook "on behalf of"', () => {
    const p = byOption(list, 2).branding.preview;
    expect(p.gmail).toBe('Jane <support@acme.com> via pm.mtasv.net');
    expect(p.outlook).toBe('pm_bounces@pm.mtasv.net on behalf of Jane <support@acme.com>');
    expect(p.header).toBe('Jane <support@acme.com>');
  });
  it('option 3 shows the vendor address with the customer in the name', () => {
    const b = byOption(list, 3).branding;
    expect(b.preview).toMatchObject({
      displayName: 'Jane via Sendwise',
      address: 'acme@sendwise.com',
      gmailVia: null,
      header: 'Jane via Sendwise <acme@sendwise.com>',
    });
    expect(b.customerVisible).toBe('name-only');
    expect(b.summary).toContain('replies go to support@acme.com');
  });
  it('marks an example address when the tenant has no From address yet', () => {
    const p = byOption(compareOptions(facts({}, { fromAddress: '', fromName: '' })), 2).branding.preview;
    expect(p).toMatchObject({ address: 'support@acme.com', addressIsExample: true, gmail: 'Acme <support@acme.com> via pm.mtasv.net' });
  });
});

describe('compareOptions: deliverability', () => {
  const dm = (verdict: DmarcFact['verdict'], policy: DmarcFact['policy']): DmarcFact => ({ verdict, policy, reason: '' });
  it.each([
    ['unchecked', undefined, 'unknown', 'unknown'],
    ['p=reject', dm('will-fail', 'reject'), 'will-be-rejected', 'rejected'],
    ['p=quarantine', dm('will-fail', 'quarantine'), 'will-be-rejected', 'spam'],
    ['p=none', dm('delivers-unaligned', 'none'), 'fails-unaligned', 'inbox'],
    ['no record', dm('delivers-unaligned', null), 'fails-unaligned', 'inbox'],
  ] as const)('option 2 with %s', (_l, dmarc, outcome, disposition) => {
    const d = byOption(compareOptions(facts({ dmarc })), 2).deliverability;
    expect(d).toMatchObject({ dmarc: outcome, disposition, reputation: 'shared', reputationDomain: 'pm.mtasv.net', dmarcDomain: 'acme.com' });
  });
  it('option 1 passes on its own reputation; option 3 passes on the vendor domain', () => {
    const list = compareOptions(facts({ dmarc: dm('will-fail', 'reject') }));
    expect(byOption(list, 1).deliverability).toMatchObject({ dmarc: 'pass', reputation: 'own', reputationDomain: 'acme.com' });
    expect(byOption(list, 3).deliverability).toMatchObject({ dmarc: 'pass', reputation: 'shared', dmarcDomain: 'sendwise.com' });
  });
  it('option 3 with per-customer subdomains is judged on the subdomain', () => {
    const list = compareOptions(facts({ vendor: { name: 'Sendwise', sendingDomain: 'sendwise.com', addressPattern: 'per-customer-subdomain' } }));
    expect(byOption(list, 3).deliverability.dmarcDomain).toBe('acme.sendwise.com');
    expect(byOption(list, 3).effort.vendor.join(' ')).toContain('acme.sendwise.com');
  });
  it('option 1 on a mailbox provider is unknown, not pass', () => {
    const list = compareOptions(facts({}, { domain: 'yahoo.com', fromAddress: 'a@yahoo.com' }));
    expect(byOption(list, 1).deliverability.dmarc).toBe('unknown');
  });
});

describe('compareOptions: prerequisites and effort', () => {
  it.each([
    [true, 'met'],
    [false, 'unmet'],
    [null, 'unknown'],
  ] as const)('canEditDns %s → %s', (canEditDns, state) => {
    const p = byOption(compareOptions(facts({ canEditDns })), 1).prerequisites.find((x) => x.id === 'can-edit-dns');
    expect(p?.state).toBe(state);
  });
  it('option 2 lists address, mailbox and DMARC prerequisites', () => {
    const pre = byOption(
      compareOptions(facts({ canReceiveAtAddress: false, dmarc: { verdict: 'will-fail', policy: 'reject', reason: 'p=reject' } })),
      2,
    ).prerequisites;
    expect(Object.fromEntries(pre.map((p) => [p.id, p.state]))).toEqual({
      'not-public-mailbox': 'met',
      'from-address': 'met',
      'can-receive': 'unmet',
      'dmarc-not-enforcing': 'unmet',
    });
  });
  it('a public mailbox domain fails the own-domain prerequisite', () => {
    const pre = byOption(compareOptions(facts({}, { domain: 'gmail.com', fromAddress: 'a@gmail.com' })), 1).prerequisites;
    expect(pre.find((p) => p.id === 'not-public-mailbox')?.state).toBe('unmet');
  });
  it('describes who does what', () => {
    const list = compareOptions(facts());
    expect(byOption(list, 1).effort.customerLevel).toBe('medium');
    expect(byOption(list, 1).effort.customer.join(' ')).toContain('pm-bounces.acme.com → pm.mtasv.net');
    expect(byOption(list, 2).effort.customer.join(' ')).toContain('support@acme.com');
    expect(byOption(list, 3).effort.customerLevel).toBe('none');
  });
});

describe('public mailbox list', () => {
  it.each(['gmail.com', 'GMAIL.COM.', 'outlook.com', 'hotmail.co.uk', 'yahoo.co.jp', 'icloud.com', 'proton.me', 'qq.com', 'web.de'])('%s is public', (d) => {
    expect(isPublicMailboxDomain(d)).toBe(true);
  });
  it.each(['acme.com', 'mail.acme.com', 'gmail.acme.com'])('%s is not', (d) => {
    expect(isPublicMailboxDomain(d)).toBe(false);
  });
  it('has a useful size', () => {
    expect(PUBLIC_MAILBOX_DOMAINS.size).toBeGreaterThan(50);
  });
});

describe('compareOptions: one answer to "is option 2 safe?" (issue #24)', () => {
  const unaligned: DmarcFact = { verdict: 'delivers-unaligned', policy: 'none', reason: 'p=none on acme.com' };
  it('says the same words as the DNS tab when DMARC fails but mail is delivered', () => {
    const o2 = byOption(compareOptions(facts({ dmarc: unaligned, receivesMail: true })), 2);
    expect(o2.verdict).toEqual({ tone: 'warning', word: 'works for now: DMARC fails, delivered' });
  });
  it('with no MX the confirmation cannot arrive: the prerequisite is unmet and the card is not "safe"', () => {
    const o2 = byOption(compareOptions(facts({ dmarc: unaligned, receivesMail: false })), 2);
    expect(o2.assessment.status).toBe('impossible');
    expect(o2.verdict).toEqual({ tone: 'failing', word: 'blocked: confirmation e-mail cannot arrive (no MX)' });
    expect(o2.prerequisites.find((p) => p.id === 'can-receive')).toMatchObject({
      state: 'unmet',
      detail: "acme.com publishes no MX: Postmark's confirmation link cannot arrive.",
    });
  });
  it('option 3 without a vendor domain shows where the domain goes, never "name@" or "Passes on  (the From domain)"', () => {
    const o3 = byOption(compareOptions(facts({ vendor: { name: 'Sendwise', sendingDomain: '', addressPattern: 'per-customer' } })), 3);
    expect(o3.branding.preview.address).toBe('acme@<vendor domain>');
    expect(o3.branding.preview.addressIsExample).toBe(true);
    expect(o3.deliverability.dmarcDetail).toMatch(/^Cannot be judged yet: no vendor sending domain is set/);
    expect(JSON.stringify(o3)).not.toMatch(/@"|@>|Passes on {2}/);
  });
});
