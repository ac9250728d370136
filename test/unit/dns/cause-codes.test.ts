import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSE_CODES } from '../../../src-main/dns/causes';
import { createDnsChecker } from '../../../src-main/dns/check-domain';
import { startFixture, type FixtureServers } from '../../support/nsd';
import { CAUSE_CASES, type FixtureSetup } from '../../support/nsd/zoneFixtures';

describe('zone fixtures', () => {
  it('have a case for every cause code', () => {
    const covered = new Set(CAUSE_CASES.map((c) => c.cause));
    expect(CAUSE_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });
});

// Every cause code, produced through the real path: node:dns Resolver → real nsd on loopback.
const SETUPS: FixtureSetup[] = ['main', 'stale', 'split', 'silent'];
for (const setup of SETUPS) {
  describe(`cause codes against nsd (${setup})`, () => {
    let fixture: FixtureServers;
    beforeAll(async () => {
      fixture = await startFixture(setup);
    });
    afterAll(async () => {
      await fixture?.stop();
    });
    for (const c of CAUSE_CASES.filter((x) => x.setup === setup)) {
      it(`produces ${c.cause} on the ${c.kind} row`, async () => {
        const report = await createDnsChecker(fixture.options).check(c.input);
        const row = report.records.find((r) => r.kind === c.kind);
        expect(row, JSON.stringify(report.records.map((r) => [r.kind, r.cause]))).toBeDefined();
        expect(row!.cause).toBe(c.cause);
        expect(row!.message).not.toMatch(/[\r\n]/);
        expect(row!.fix).not.toMatch(/[\r\n]/);
        expect(row!.message.length).toBeGreaterThan(10);
        expect(row!.fix.length).toBeGreaterThan(5);
      });
    }
  });
}
