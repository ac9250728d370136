import { describe, expect, it } from 'vitest';
import { channels, contract } from '../../../src-preload/api/contract';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { tempServices } from '../../support/temp';

describe('contract dispatch', () => {
  it('has a handler for every contract method and nothing else', () => {
    const handlers = createHandlers(tempServices()) as unknown as Record<string, Record<string, unknown>>;
    const implemented = Object.entries(handlers).flatMap(([ns, m]) => Object.keys(m).map((k) => `${ns}.${k}`));
    expect(implemented.sort()).toEqual([...channels].sort());
    expect(Object.keys(contract).sort()).toEqual(Object.keys(handlers).sort());
  });

  it('validates input and answers the error shape with the field named', async () => {
    const dispatch = createDispatch(createHandlers(tempServices()));
    const r = await dispatch('tenants.create', { name: 'A', domain: 'bad domain' });
    expect(r).toEqual({ ok: false, error: { code: 'input.invalid', message: expect.stringMatching(/^domain: /), hint: expect.any(String) } });
    expect(await dispatch('tenants.list', { limit: 100000 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await dispatch('tenants.list', 'not an object')).toMatchObject({ ok: false });
  });

  it('refuses unknown and prototype-ish method names', async () => {
    const dispatch = createDispatch(createHandlers(tempServices()));
    for (const ch of ['nope.list', 'tenants.nope', 'tenants.__proto__', '__proto__.toString', 'constructor', 'tenants.constructor']) {
      expect(await dispatch(ch, {})).toMatchObject({ ok: false, error: { code: 'contract.unknown-method' } });
    }
  });

  it('maps service errors to { code, message, hint } and succeeds with the parsed output', async () => {
    const dispatch = createDispatch(createHandlers(tempServices()));
    expect(await dispatch('tenants.get', { id: 'missing' })).toEqual({
      ok: false,
      error: { code: 'tenant.not-found', message: 'No tenant with id missing.', hint: expect.any(String) },
    });
    const created = await dispatch('tenants.create', { name: 'Acme', domain: 'acme.com' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Acme', domain: 'acme.com' } });
  });

  it('never returns the account token: app.info says only hasToken', async () => {
    const token = 'secret-token-1234567890';
    const s = tempServices({ env: { POSTMARK_ACCOUNT_TOKEN: token } });
    const dispatch = createDispatch(createHandlers(s));
    const info = await dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { hasToken: true, tokenSource: 'environment' } });
    await dispatch('settings.setToken', { token: 'another-token-abcdef' });
    for (const ch of channels.filter((c) => c.endsWith('.get') || c.endsWith('.info'))) {
      expect(JSON.stringify(await dispatch(ch, {}))).not.toMatch(/secret-token|another-token/);
    }
  });

  it('strips fields the output schema does not declare', async () => {
    const s = tempServices();
    const handlers = createHandlers(s);
    (handlers.app as { info: () => unknown }).info = () => ({ ...(createHandlers(s).app.info({}) as object), accountToken: 'leak' });
    const r = await createDispatch(handlers)('app.info', {});
    expect(JSON.stringify(r)).not.toContain('leak');
  });
});
