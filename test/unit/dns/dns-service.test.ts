import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { resolverOptions } from '../../../src-main/dns/dns-service';
import { settingsSchema } from '../../../src-preload/api/settings';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES } from '../../support/nsd/zoneFixtures';
import { tempServices } from '../../support/temp';

let nsd: NsdServer;
beforeAll(async () => {
  nsd = await startNsd({ zones: MAIN_ZONES });
});
afterAll(async () => nsd?.stop());

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe('dns service through the contract (nsd)', () => {
  it('picks resolver servers: env, else the setting, else the OS resolver', () => {
    const settings = settingsSchema.parse({ dnsServers: ['10.0.0.1:53'] });
    expect(resolverOptions({ BEHALF_DNS_SERVERS: '127.0.0.1:5300, 127.0.0.2:5300' }, settings)).toMatchObject({
      servers: ['127.0.0.1:5300', '127.0.0.2:5300'],
    });
    expect(resolverOptions({}, settings)).toMatchObject({ servers: ['10.0.0.1:53'], authoritative: true });
    expect(resolverOptions({}, settingsSchema.parse({}))).not.toHaveProperty('servers');
    expect(resolverOptions({ BEHALF_DNS_AUTHORITATIVE_PORT: '5300' }, settings, ['1.1.1.1'])).toMatchObject({
      servers: ['1.1.1.1'],
      authoritative: { port: 5300 },
    });
  });

  it('checks tenants, keeps history with drift, and runs a bulk recheck as a task with grouped results', async () => {
    const s = tempServices({ env: { BEHALF_DNS_SERVERS: nsd.server, BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port) } });
    const dispatch: Dispatch = createDispatch(createHandlers(s));
    const reject = s.tenants.create({ name: 'Rejecting', domain: 'reject.test', option: 2 });
    const clean = s.tenants.create({ name: 'Clean', domain: 'good.test', option: 3 });
    s.tenants.create({ name: 'Broken', domain: 'broken.test', option: 1 });

    const one = await value<{ status: string; report: { option2: { verdict: string } }; drift: unknown[]; hasPostmarkDomain: boolean }>(
      dispatch('dns.checkTenant', { id: reject.id }),
    );
    expect(one).toMatchObject({ status: 'failing', report: { option2: { verdict: 'will-fail' } }, drift: [], hasPostmarkDomain: false });
    expect(await value(dispatch('dns.latest', { id: clean.id }))).toEqual({ check: null });

    const progress: { done: number; total: number; state: string }[] = [];
    s.bus.on('task.progress', (p) => progress.push(p));
    const { taskId } = await value<{ taskId: string }>(dispatch('dns.bulkStart', {}));
    await expect.poll(async () => (await value<{ state: string }>(dispatch('dns.bulkSummary', { taskId }))).state).toBe('done');
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, state: 'done' });

    const summary = await value<{ groups: { cause: string; count: number; tenants: { tenantName: string }[] }[]; byStatus: Record<string, number> }>(
      dispatch('dns.bulkSummary', { taskId }),
    );
    expect(summary.byStatus).toMatchObject({ failing: 2, ok: 1 });
    const causes = Object.fromEntries(summary.groups.map((g) => [g.cause, g.tenants.map((t) => t.tenantName)]));
    expect(causes['option2-will-fail']).toEqual(['Rejecting']);
    expect(causes['doubled-suffix']).toEqual(['Broken']); // pm-bounces.broken.test.broken.test
    expect(causes['not-checked']).toEqual(['Broken']);

    const history = await value<{ rows: { status: string; causes: string[] }[] }>(dispatch('dns.history', { id: reject.id }));
    expect(history.rows).toHaveLength(2);
    expect(history.rows[0]).toMatchObject({ status: 'failing', causes: [] });
    const adhoc = await value<{ status: string; report: { records: { kind: string }[] } }>(dispatch('dns.checkDomain', { domain: 'spf-many.test', option: 3 }));
    expect(adhoc.report.records.find((r) => r.kind === 'spf')).toMatchObject({ cause: 'spf-too-many-lookups' });
    expect((await value<{ rows: unknown[] }>(dispatch('dns.history', { id: clean.id }))).rows).toHaveLength(1);
    expect(await dispatch('dns.bulkSummary', { taskId: 'nope' })).toMatchObject({ ok: false, error: { code: 'dns.bulk-not-found' } });
    s.close();
  });

  it('cancels a bulk recheck through tasks.cancel', async () => {
    const s = tempServices({ env: { BEHALF_DNS_SERVERS: nsd.server } });
    const dispatch = createDispatch(createHandlers(s));
    for (let i = 0; i < 40; i++) s.tenants.create({ name: `T${i}`, domain: `t${i}.reject.test`, option: 2 });
    const { taskId } = await value<{ taskId: string }>(dispatch('dns.bulkStart', { options: [2] }));
    await value(dispatch('tasks.cancel', { taskId }));
    await expect.poll(async () => (await value<{ state: string }>(dispatch('dns.bulkSummary', { taskId }))).state).toBe('cancelled');
    const summary = await value<{ done: number; total: number }>(dispatch('dns.bulkSummary', { taskId }));
    expect(summary.total).toBe(40);
    expect(summary.done).toBeLessThan(40);
    s.close();
  });
});
