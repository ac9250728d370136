import { expect, it } from 'vitest';
import type { Envelope } from '../../../src-preload/api/define';
import { ApiError, createClient, type Transport } from '../../../src-renderer/app/client';

/** The renderer's API is made from method names on use (no contract schemas in the renderer): what it sends and answers. */
function recording(answer: (channel: string) => Envelope<unknown>) {
  const calls: [string, unknown][] = [];
  const transport: Transport = {
    kind: 'browser-host',
    invoke: async (channel, input) => (calls.push([channel, input]), answer(channel)),
    subscribe: () => () => undefined,
  };
  return { calls, client: createClient(transport) };
}

it('calls the channel named by namespace and method, with the input (an empty object when none)', async () => {
  const { calls, client } = recording((channel) => ({ ok: true, value: `answer of ${channel}` }));
  expect(await client.api.tenants.list({ search: 'acme', limit: 5, offset: 0 })).toBe('answer of tenants.list');
  expect(await (client.api.app.info as (input?: unknown) => Promise<unknown>)()).toBe('answer of app.info');
  expect(calls).toEqual([
    ['tenants.list', { search: 'acme', limit: 5, offset: 0 }],
    ['app.info', {}],
  ]);
});

it("throws main's error as an ApiError with its code and hint", async () => {
  const { client } = recording(() => ({ ok: false, error: { code: 'tenant.not-found', message: 'No tenant with id x.', hint: 'Reload the list.' } }));
  const err = await client.api.tenants.get({ id: 'x' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ code: 'tenant.not-found', message: 'No tenant with id x.', hint: 'Reload the list.' });
});

it('gives the same function for the same method, and is not a thenable (awaiting it calls nothing)', async () => {
  const { calls, client } = recording(() => ({ ok: true, value: null }));
  expect(client.api.tenants.list).toBe(client.api.tenants.list);
  expect(client.api.tenants).toBe(client.api.tenants);
  expect(await client.api).toBe(client.api);
  expect(await client.api.tenants).toBe(client.api.tenants);
  expect(JSON.stringify(client.api.tenants)).toBe('{}');
  expect(calls).toEqual([]);
});
