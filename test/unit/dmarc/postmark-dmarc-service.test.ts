import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { reportXml } from '../../support/dmarc/report-builder';
import { startPostmarkDmarcSim, type PostmarkDmarcSim } from '../../support/postmark-dmarc-sim/server';
import { tempServices } from '../../support/temp';

/** Postmark DMARC through the contract: connect, snippet, verify, pull as an import task; the token never comes out. */

let sim: PostmarkDmarcSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function settle(call: ReturnType<typeof createDispatch>, taskId: string) {
  for (;;) {
    const r = (await call('dmarc.importResult', { taskId })) as { ok: true; value: { state: string } };
    if (r.value.state !== 'running') return r.value;
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe('Postmark DMARC over the contract', () => {
  it('connects, keeps the token in the vault only, verifies and pulls reports into the DMARC views', async () => {
    sim = await startPostmarkDmarcSim({ pageSize: 1 });
    const s = tempServices({ env: { BEHALF_POSTMARK_DMARC_URL: sim.url } });
    const call = createDispatch(createHandlers(s));
    const outputs: unknown[] = [];
    const c = async (name: string, input: unknown) => {
      const r = await call(name as never, input as never);
      outputs.push(r);
      return r;
    };

    expect(await c('dmarc.postmarkStatus', {})).toEqual({ ok: true, value: { configured: false, baseUrl: sim.url } });
    expect(await c('dmarc.postmarkPull', {})).toMatchObject({ ok: false, error: { code: 'postmark-dmarc.no-token' } });
    const connected = await c('dmarc.postmarkConnect', { email: 'dmarc@vendor.example', domain: 'acme.com' });
    expect(connected).toMatchObject({
      ok: true,
      value: {
        record: { domain: 'acme.com', email: 'dmarc@vendor.example', reportingUri: expect.stringMatching(/^mailto:re\+/) },
        dns: { name: '_dmarc.acme.com', value: expect.stringMatching(/^v=DMARC1/) },
      },
    });
    expect(s.vault.getSecret('postmark-dmarc.token')).toBe(sim.state.token);
    expect(await c('dmarc.postmarkStatus', {})).toMatchObject({ ok: true, value: { configured: true } });
    expect(await c('dmarc.postmarkVerify', {})).toEqual({ ok: true, value: { verified: false } });

    sim.state.reports.push(
      {
        id: 1,
        organizationName: 'google.com',
        externalId: 'g1',
        domain: 'acme.com',
        xml: reportXml({
          org: 'google.com',
          reportId: 'g1',
          domain: 'acme.com',
          begin: '2026-01-01',
          rows: [{ ip: '198.51.100.10', count: 30, dkim: 'pass', spf: 'pass' }],
        }),
      },
      {
        id: 2,
        organizationName: 'yahoo.com',
        externalId: 'y1',
        domain: 'acme.com',
        xml: reportXml({
          org: 'yahoo.com',
          reportId: 'y1',
          domain: 'acme.com',
          begin: '2026-01-02',
          rows: [{ ip: '203.0.113.5', count: 5, dkim: 'fail', spf: 'fail' }],
        }),
      },
    );
    const started = (await c('dmarc.postmarkPull', { from: '2026-01-01' })) as { ok: true; value: { taskId: string } };
    expect(await settle(call, started.value.taskId)).toMatchObject({ state: 'done', imported: 2, messages: 35, errors: [] });
    expect(await c('dmarc.domains', {})).toMatchObject({ ok: true, value: { domains: [{ domain: 'acme.com', reports: 2, messages: 35 }] } });

    // Nothing that went out through the contract carries the private token.
    expect(JSON.stringify(outputs)).not.toContain(sim.state.token!);

    expect(await c('dmarc.postmarkForget', {})).toMatchObject({ ok: true, value: { configured: false } });
    expect(s.vault.getSecret('postmark-dmarc.token')).toBeUndefined();
  });

  it('accepts a pasted token only when Postmark DMARC knows it', async () => {
    sim = await startPostmarkDmarcSim({ token: 'existing-token-123', domain: 'acme.com' });
    const s = tempServices({ env: { BEHALF_POSTMARK_DMARC_URL: sim.url } });
    const call = createDispatch(createHandlers(s));
    const bad = await call('dmarc.postmarkUseToken', { token: 'wrong-token-456' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'postmark-dmarc.unauthorized' } });
    expect(JSON.stringify(bad)).not.toContain('wrong-token-456');
    expect(s.vault.getSecret('postmark-dmarc.token')).toBeUndefined();
    expect(await call('dmarc.postmarkUseToken', { token: 'existing-token-123' })).toMatchObject({ ok: true, value: { record: { domain: 'acme.com' } } });
    expect(s.vault.getSecret('postmark-dmarc.token')).toBe('existing-token-123');
  });
});
