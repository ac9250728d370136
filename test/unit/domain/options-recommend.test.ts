import { describe, expect, it } from 'vitest';
import { recommend, type DmarcFact, type OptionsFacts, type OptionsTenant, type SendingOption } from '../../../src-main/domain/options';

const REJECT: DmarcFact = { verdict: 'will-fail', policy: 'reject', reason: 'p=reject at _dmarc.acme.com' };
const QUARANTINE: DmarcFact = { verdict: 'will-fail', policy: 'quarantine', reason: '' };
const NONE: DmarcFact = { verdict: 'delivers-unaligned', policy: 'none', reason: 'p=none' };
const NO_RECORD: DmarcFact = { verdict: 'delivers-unaligned', policy: null, reason: 'no DMARC record' };

function facts(over: Partial<OptionsFacts> = {}, tenant: Partial<OptionsTenant> = {}): OptionsFacts {
  return {
    tenant: { name: 'Acme', domain: 'acme.com', fromAddress: 'support@acme.com', fromName: 'Jane', option: null, ...tenant },
    offered: [1, 2, 3],
    vendor: { name: 'Sendwise', sendingDomain: 'sendwise.com', addressPattern: 'per-customer' },
    ...over,
  };
}

type Row = [label: string, facts: OptionsFacts, option: SendingOption | null, reason: string, warning?: string];

const ROWS: Row[] = [
  ['DNS editable → 1', facts({ canEditDns: true }), 1, 'option 1 passes DMARC for acme.com'],
  ['DNS access unknown → 1 with a question', facts({ canEditDns: null }), 1, 'option 1 passes DMARC', 'Confirm that Acme can add two DNS records to acme.com'],
  ['no DNS, p=reject → 3', facts({ canEditDns: false, dmarc: REJECT }), 3, 'option 2 is unsafe: acme.com publishes p=reject'],
  ['no DNS, p=reject → 3 (says why 1 lost)', facts({ canEditDns: false, dmarc: REJECT }), 3, 'option 1 is not possible: Acme cannot edit the DNS of acme.com'],
  [
    'no DNS, p=quarantine → 3',
    facts({ canEditDns: false, dmarc: QUARANTINE }),
    3,
    'acme.com publishes p=quarantine, so receivers put the unaligned mail in spam',
  ],
  [
    'no DNS, p=none → 2',
    facts({ canEditDns: false, dmarc: NONE }),
    2,
    'option 2 works for now: acme.com publishes p=none',
    'Gmail will show "via pm.mtasv.net"',
  ],
  [
    'no DNS, no DMARC record → 2',
    facts({ canEditDns: false, dmarc: NO_RECORD }),
    2,
    'acme.com publishes no DMARC record',
    'If acme.com later moves to p=quarantine or p=reject',
  ],
  ['no DNS, DMARC unchecked → 3', facts({ canEditDns: false, dmarc: null }), 3, 'option 2 may be unsafe: the DMARC policy of acme.com has not been checked'],
  [
    'no DNS, nobody reads the address → 3',
    facts({ canEditDns: false, dmarc: NONE, canReceiveAtAddress: false }),
    3,
    'nobody can receive mail at support@acme.com',
  ],
  ['no DNS, no From address → 3', facts({ canEditDns: false, dmarc: NONE }, { fromAddress: '' }), 3, 'option 2 needs a From address and none is set for Acme'],
  [
    'gmail.com → 3 (no DNS there)',
    facts({ canEditDns: true }, { domain: 'gmail.com', fromAddress: 'acme.shop@gmail.com' }),
    3,
    'gmail.com is a public mailbox domain',
  ],
  [
    'gmail.com → 3 (Postmark refuses)',
    facts({ dmarc: NONE }, { domain: 'gmail.com', fromAddress: 'acme.shop@gmail.com' }),
    3,
    'Postmark refuses sender signatures on public mailbox domains like gmail.com (ErrorCode 503)',
  ],
  [
    'From on outlook.com, own domain otherwise → 3',
    facts({ canEditDns: true }, { fromAddress: 'acme@outlook.com' }),
    3,
    'outlook.com is a public mailbox domain',
  ],
  [
    'operator marks the domain public → 3',
    facts({ domainIsPublicMailbox: true }, { domain: 'mailbox.example', fromAddress: 'a@mailbox.example' }),
    3,
    'mailbox.example is a public mailbox domain',
  ],
  ['1 not offered, p=none → 2', facts({ offered: [2, 3], canEditDns: true, dmarc: NONE }), 2, 'option 1 is not offered by the vendor'],
  ['only 2 offered, DMARC unchecked → 2 (risky)', facts({ offered: [2] }), 2, 'option 2 may be unsafe'],
  [
    'only 3 offered, no vendor domain → 3 (risky)',
    facts({ offered: [3], vendor: { name: 'Sendwise', sendingDomain: '', addressPattern: 'shared' } }),
    3,
    "option 3 needs the vendor's sending domain",
  ],
  [
    'gmail.com, 3 not offered → none',
    facts({ offered: [1, 2] }, { domain: 'gmail.com', fromAddress: 'x@gmail.com' }),
    null,
    'option 2 is not possible',
    'offering option 3 in Settings would solve it',
  ],
  [
    'only 2 offered, p=reject → none',
    facts({ offered: [2], dmarc: REJECT }),
    null,
    'option 2 is unsafe: acme.com publishes p=reject',
    'offering option 1 or 3 in Settings',
  ],
  ['nothing offered → none', facts({ offered: [] }), null, 'the vendor offers no sending option'],
  [
    'on option 2 with p=reject → 1 and an alarm',
    facts({ canEditDns: true, dmarc: REJECT }, { option: 2 }),
    1,
    'option 1 passes',
    'Acme is on option 2 now and acme.com publishes p=reject',
  ],
  [
    'on option 1, no longer offered → 2',
    facts({ offered: [2, 3], dmarc: NONE }, { option: 1 }),
    2,
    'option 1 is not offered',
    'which the vendor no longer offers',
  ],
  ['on option 3, 1 is better → suggestion', facts({ canEditDns: true }, { option: 3 }), 1, 'option 1 passes', 'switching to option 1 is suggested'],
  [
    'on gmail.com with option 2 → says it cannot work',
    facts({}, { option: 2, domain: 'gmail.com', fromAddress: 'x@gmail.com' }),
    3,
    'ErrorCode 503',
    'Acme is on option 2, which cannot work',
  ],
];

describe('recommend', () => {
  it.each(ROWS)('%s', (_label, f, option, reason, warning) => {
    const rec = recommend(f);
    expect(rec.option).toBe(option);
    expect(rec.reasons.join('\n')).toContain(reason);
    if (warning) expect(rec.warnings.join('\n')).toContain(warning);
  });

  it('returns an assessment for every option', () => {
    const rec = recommend(facts({ canEditDns: false, dmarc: REJECT }));
    expect(rec.assessments.map((a) => [a.option, a.status])).toEqual([
      [1, 'impossible'],
      [2, 'unsafe'],
      [3, 'ok'],
    ]);
  });

  it('never recommends an option that is not offered, unsafe or impossible (all combinations)', () => {
    const offers: SendingOption[][] = [[], [1], [2], [3], [1, 2], [1, 3], [2, 3], [1, 2, 3]];
    const dmarcs = [undefined, null, REJECT, QUARANTINE, NONE, NO_RECORD];
    const tri = [true, false, null];
    const domains = [
      ['acme.com', 'support@acme.com'],
      ['gmail.com', 'x@gmail.com'],
      ['acme.com', ''],
    ];
    let checked = 0;
    let recommended = 0;
    let nothing = 0;
    for (const offered of offers)
      for (const dmarc of dmarcs)
        for (const canEditDns of tri)
          for (const canReceiveAtAddress of tri) {
            for (const [domain, fromAddress] of domains) {
              const rec = recommend(facts({ offered, dmarc, canEditDns, canReceiveAtAddress }, { domain: domain!, fromAddress: fromAddress! }));
              checked++;
              if (rec.option === null) {
                // "None" only when no offered option is usable: every one offered is unsafe or impossible.
                const usable = rec.assessments.filter((a) => offered.includes(a.option) && (a.status === 'ok' || a.status === 'risky'));
                expect(usable, JSON.stringify({ offered, dmarc, canEditDns, canReceiveAtAddress, domain })).toEqual([]);
                nothing++;
                continue;
              }
              recommended++;
              expect(offered).toContain(rec.option);
              const a = rec.assessments.find((x) => x.option === rec.option)!;
              expect(['ok', 'risky']).toContain(a.status);
              if (domain === 'gmail.com') expect(rec.option).toBe(3);
              if (dmarc?.verdict === 'will-fail') expect(rec.option).not.toBe(2);
            }
          }
    expect(checked).toBe(8 * 6 * 3 * 3 * 3);
    // Both branches really ran: most combinations get a recommendation, and some (nothing offered) get none.
    expect(recommended).toBeGreaterThan(checked / 2);
    expect(nothing).toBeGreaterThanOrEqual(6 * 3 * 3 * 3); // at least every "nothing offered" combination
  });
});
