import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimAnswer, JobClaims } from '../../../src-main/core/job-claims';
import { batchPosts, option2Tenant, seedTwo, startSendHarness, type SendHarness } from './harness';

/**
 * Queued test sends in team mode (issue #19 item 5): the send reaches Postmark only when the team gives its job to
 * this console, and the team learns how it ended. PostgreSQL's side is in test/unit/team/team-job-claims.test.ts.
 */
let h: SendHarness | undefined;
afterEach(async () => h?.close());

interface ScriptedTeam {
  answer: ClaimAnswer | Error;
  log: string[];
  claims: JobClaims;
}

function scriptedTeam(): ScriptedTeam {
  const team: ScriptedTeam = {
    answer: { kind: 'mine' } as ClaimAnswer | Error,
    log: [] as string[],
    claims: {
      async claim(key) {
        team.log.push(`claim ${key.replace(/:.*/, ':KEY')}`);
        if (team.answer instanceof Error) throw team.answer;
        return team.answer;
      },
      async finish(key, outcome) {
        team.log.push(`finish ${key.replace(/:.*/, ':KEY')} ${outcome.state}`);
      },
      async release(key) {
        team.log.push(`release ${key.replace(/:.*/, ':KEY')}`);
      },
      async close() {},
    },
  };
  return team;
}

describe('test sends in team mode', () => {
  it('sends once the team gives the job to this console, and reports it done', async () => {
    const team = scriptedTeam();
    h = await startSendHarness({ claims: () => team.claims });
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    const sent = await h.sends.send({ tenantId: tenant.id });
    expect(sent.queue).toMatchObject({ state: 'done' });
    expect(batchPosts(h)).toHaveLength(1);
    expect(team.log).toEqual(['claim send:KEY', 'finish send:KEY succeeded']);
  });

  it("waits while another console holds the send, and settles it from the team's record without sending", async () => {
    const team = scriptedTeam();
    h = await startSendHarness({ claims: () => team.claims });
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    const until = new Date(h.now().getTime() + 60_000).toISOString();
    team.answer = { kind: 'held', by: 'other-console', until };
    const queued = await h.sends.send({ tenantId: tenant.id });
    expect(queued.queue).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: until });
    expect(batchPosts(h)).toHaveLength(0);

    team.answer = { kind: 'done', by: 'other-console', outcome: { state: 'succeeded', error: null } };
    h.advance(61_000);
    await h.sends.retryQueued(tenant.id);
    expect(h.sends.get(queued.id).queue).toMatchObject({ state: 'done' });
    expect(batchPosts(h)).toHaveLength(0);
  });

  it('keeps the send queued while the team database is unreachable, with the reason', async () => {
    const team = scriptedTeam();
    team.answer = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    h = await startSendHarness({ claims: () => team.claims });
    const { tenant } = await option2Tenant(h);
    seedTwo(h);
    const queued = await h.sends.send({ tenantId: tenant.id });
    expect(queued.queue).toMatchObject({ state: 'queued', attempts: 0, lastError: { code: 'team.unreachable' } });
    expect(batchPosts(h)).toHaveLength(0);
  });
});
