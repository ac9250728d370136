import type { ServerClient } from 'postmark';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { accountClientFor, rejectionOf, serverClientFor } from '../../support/postmark-sim/clients';
import { addDays, easternDay } from '../../support/postmark-sim/stats-history';

let sim: PostmarkSimulator;
let calm: ServerClient;
let trouble: ServerClient;
let troubleId: number;

beforeEach(async () => {
  sim = await startPostmarkSimulator({ searchLagMs: 0 });
  const account = accountClientFor(sim);
  const a = await account.createServer({ Name: 'behalf-calm' });
  const b = await account.createServer({ Name: 'behalf-trouble' });
  troubleId = b.ID;
  sim.setStatsProfile(b.ID, 'trouble');
  calm = serverClientFor(sim, a.ApiTokens[0]!);
  trouble = serverClientFor(sim, b.ApiTokens[0]!);
});
afterEach(async () => {
  await sim.close();
});

const today = () => easternDay(Date.now());

describe('simulator: Stats API through the official client', () => {
  it('answers the outbound overview with totals that agree with the per-day series', async () => {
    const fromDate = addDays(today(), -29);
    const toDate = today();
    const overview = await calm.getOutboundOverview({ fromDate, toDate });
    const sends = await calm.getSentCounts({ fromDate, toDate });
    const bounces = await calm.getBounceCounts({ fromDate, toDate });
    const spam = await calm.getSpamComplaintsCounts({ fromDate, toDate });
    expect(overview.Sent).toBeGreaterThan(1000);
    expect(sends.Sent).toBe(overview.Sent);
    expect(sends.Days.reduce((n, d) => n + d.Sent, 0)).toBe(overview.Sent);
    expect((bounces.HardBounce as number) + (bounces.SoftBounce as number) + (bounces.Transient as number)).toBe(overview.Bounced);
    expect(spam.SpamComplaint).toBe(overview.SpamComplaints);
    // Rates are percentages, as Postmark answers them.
    expect(overview.BounceRate).toBeCloseTo((overview.Bounced / overview.Sent) * 100, 2);
    expect(overview.SpamComplaintsRate).toBeCloseTo((overview.SpamComplaints / overview.Sent) * 100, 2);
    expect(sends.Days.every((d) => d.Date >= fromDate && d.Date <= toDate)).toBe(true);
  });

  it('is deterministic per server and puts a server in trouble over the thresholds', async () => {
    const week = { fromDate: addDays(today(), -6), toDate: today() };
    const first = await calm.getOutboundOverview(week);
    expect(await calm.getOutboundOverview(week)).toEqual(first);
    expect(first.BounceRate).toBeLessThan(3);
    const bad = await trouble.getOutboundOverview(week);
    expect(bad.BounceRate).toBeGreaterThan(5);
    expect(bad.SpamComplaintsRate).toBeGreaterThan(0.3);
  });

  it('quiet and none profiles send nothing lately; real sends count on their day', async () => {
    sim.setStatsProfile(troubleId, 'none');
    expect((await trouble.getOutboundOverview({ fromDate: addDays(today(), -29), toDate: today() })).Sent).toBe(0);
    sim.setStatsProfile(troubleId, 'quiet');
    const lately = await trouble.getSentCounts({ fromDate: addDays(today(), -9), toDate: today() });
    expect(lately.Sent).toBe(0);
    expect(lately.Days).toEqual([]);
  });

  it('refuses a date that is not a date (ErrorCode 1500 range)', async () => {
    const err = await rejectionOf(calm.getOutboundOverview({ fromDate: 'yesterday' }));
    expect(err.statusCode).toBe(422);
  });
});

describe('simulator: Bounce API through the official client', () => {
  it('lists bounces newest first with types and the inactive flag, paged', async () => {
    const fromDate = addDays(today(), -6);
    const page = await trouble.getBounces({ count: 50, offset: 0, fromDate, toDate: today() });
    expect(page.TotalCount).toBeGreaterThan(50);
    expect(page.Bounces).toHaveLength(50);
    const times = page.Bounces.map((b) => b.BouncedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const hard = await trouble.getBounces({ count: 10, offset: 0, type: 'HardBounce' as never, fromDate, toDate: today() });
    expect(hard.Bounces.every((b) => b.Type === 'HardBounce' && b.TypeCode === 1 && b.Inactive)).toBe(true);
    const complaints = await trouble.getBounces({ count: 10, offset: 0, type: 'SpamComplaint' as never, fromDate, toDate: today() });
    expect(complaints.Bounces.length).toBeGreaterThan(0);
    expect(complaints.Bounces.every((b) => b.Inactive && !b.CanActivate)).toBe(true);
    expect(page.Bounces.every((b) => Date.parse(b.BouncedAt) <= Date.now())).toBe(true);
    const next = await trouble.getBounces({ count: 50, offset: 50, fromDate, toDate: today() });
    expect(next.Bounces.map((b) => b.ID)).not.toContain(page.Bounces[0]!.ID);
  });

  it('delivery stats count every bounce type and inactive addresses', async () => {
    const stats = await trouble.getDeliveryStatistics();
    const all = stats.Bounces.find((b) => b.Name === 'All')!;
    const typed = stats.Bounces.filter((b) => b.Type).reduce((n, b) => n + b.Count, 0);
    expect(all.Count).toBe(typed);
    expect(stats.Bounces.map((b) => b.Type)).toEqual(expect.arrayContaining(['HardBounce', 'SpamComplaint']));
    expect(stats.InactiveMails).toBeGreaterThan(0);
  });

  it('needs count and offset, like every Postmark list (the client fills them in; a bare request is refused)', async () => {
    const res = await fetch(`${sim.url}/bounces`, { headers: { Accept: 'application/json', 'X-Postmark-Server-Token': sim.serverToken(troubleId) } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { ErrorCode: number }).ErrorCode).toBe(1000);
  });
});
