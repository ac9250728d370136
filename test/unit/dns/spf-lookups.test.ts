import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker } from '../../../src-main/dns/check-domain';
import { createDnsSession, type DnsClient } from '../../../src-main/dns/resolver';
import { evaluateSpf, fetchSpf } from '../../../src-main/dns/spf-evaluate';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES, zone } from '../../support/nsd/zoneFixtures';

const deepChain = Array.from({ length: 15 }, (_, i) => `i${i + 1} IN TXT "v=spf1 include:i${i + 2}.deep.test -all"`).join('\n');

const EXTRA_ZONES: Record<string, string> = {
  'r.test': zone(
    'r.test',
    `
@ IN TXT "v=spf1 redirect=_spf.r.test"
_spf IN TXT "v=spf1 include:x.r.test -all"
x IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
`,
  ),
  'all-and-redirect.test': zone('all-and-redirect.test', '@ IN TXT "v=spf1 ip4:192.0.2.1 -all redirect=nowhere.example"'),
  'loop.test': zone(
    'loop.test',
    `
@ IN TXT "v=spf1 include:a.loop.test -all"
a IN TXT "v=spf1 include:loop.test -all"
`,
  ),
  'deep.test': zone('deep.test', `@ IN TXT "v=spf1 include:i1.deep.test -all"\n${deepChain}`),
  'nosuch.test': zone('nosuch.test', '@ IN TXT "v=spf1 include:gone.nosuch.test -all"'),
  'macro.test': zone('macro.test', '@ IN TXT "v=spf1 exists:%{i}._spf.macro.test -all"'),
  'split-spf.test': zone('split-spf.test', '@ IN TXT "v=spf1 ip4:192.0.2.1 " "include:_spf.split-spf.test -all"\n_spf IN TXT "v=spf1 -all"'),
};

describe('SPF lookup counting through include chains (nsd)', () => {
  let nsd: NsdServer;
  let client: DnsClient;
  let dispose: () => void;
  beforeAll(async () => {
    nsd = await startNsd({ zones: { ...MAIN_ZONES, ...EXTRA_ZONES } });
    const session = createDnsSession({ servers: [nsd.server], timeout: 400, tries: 1 });
    client = session.recursive;
    dispose = session.dispose;
  });
  afterAll(async () => {
    dispose?.();
    await nsd?.stop();
  });

  const evaluate = async (domain: string) => {
    const fetched = await fetchSpf(client, domain);
    if (fetched.kind !== 'one') throw new Error(`${domain}: ${fetched.kind}`);
    return evaluateSpf(client, domain, fetched.text);
  };

  it('counts 11 lookups across nested includes, in evaluation order', async () => {
    expect(await evaluate('spf-many.test')).toEqual({
      lookups: 11,
      voidLookups: 0,
      includes: ['a.spf-many.test', 'c.spf-many.test', 'd.spf-many.test', 'b.spf-many.test'],
      errors: [],
      capped: false,
    });
  });

  it('accepts exactly 10', async () => {
    const ev = await evaluate('spf-ten.test');
    expect(ev).toMatchObject({ lookups: 10, voidLookups: 0, errors: [] });
    const report = await createDnsChecker({ servers: [nsd.server], authoritative: false, timeout: 400, tries: 1 }).check({ domain: 'spf-ten.test', option: 1 });
    expect(report.records.find((r) => r.kind === 'spf')).toMatchObject({ cause: 'ok', status: 'ok', spf: { lookups: 10, voidLookups: 0 } });
  });

  it('counts void lookups from a:, mx: and exists: names that do not exist', async () => {
    expect(await evaluate('spf-void.test')).toMatchObject({ lookups: 3, voidLookups: 3, errors: [] });
  });

  it('follows redirect=, and ignores it when the record has an all', async () => {
    expect(await evaluate('r.test')).toMatchObject({ lookups: 2, includes: ['_spf.r.test', 'x.r.test'], errors: [] });
    expect(await evaluate('all-and-redirect.test')).toMatchObject({ lookups: 0, includes: [] });
  });

  it('stops at loops, caps deep chains, and reports includes without SPF', async () => {
    expect((await evaluate('loop.test')).errors).toEqual(['include:loop.test loops back to a record already being evaluated']);
    expect(await evaluate('deep.test')).toMatchObject({ lookups: 11, capped: true });
    expect(await evaluate('nosuch.test')).toMatchObject({ lookups: 1, voidLookups: 1, errors: ['include:gone.nosuch.test has no SPF record'] });
  });

  it('counts macro terms without resolving them', async () => {
    expect(await evaluate('macro.test')).toMatchObject({ lookups: 1, voidLookups: 0, errors: [] });
  });

  it('joins an SPF record split over several strings', async () => {
    expect(await fetchSpf(client, 'split-spf.test')).toEqual({ kind: 'one', text: 'v=spf1 ip4:192.0.2.1 include:_spf.split-spf.test -all' });
    expect(await evaluate('split-spf.test')).toMatchObject({ lookups: 1, includes: ['_spf.split-spf.test'] });
  });

  it('says "at least" in the message when counting was capped', async () => {
    const report = await createDnsChecker({ servers: [nsd.server], authoritative: false, timeout: 400, tries: 1 }).check({ domain: 'deep.test', option: 3 });
    const spf = report.records.find((r) => r.kind === 'spf');
    expect(spf).toMatchObject({ cause: 'spf-too-many-lookups', status: 'warning' });
    expect(spf?.message).toMatch(/at least 11 DNS lookups/);
  });
});
