import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsPatchSchema, type Settings } from '../../../src-preload/api/settings';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { startHost, type RunningHost } from '../../../src-main/host/host-server';
import { registerIpc, type IpcMainLike } from '../../../src-main/ipc/register';
import { request } from '../../hardening/http';
import { signIn } from '../../hardening/host-session';
import { tempDir, tempServices } from '../../support/temp';

/**
 * Issue #23 item 3: saving one setting changes that setting and nothing else. Two distinct, valid, non-default
 * values per writable setting; every setting starts at value A, then each is saved alone as value B through a
 * door and every other setting must still read A.
 */
const A: Required<{ [K in keyof typeof settingsPatchSchema.shape]: unknown }> = {
  vendorName: 'Northwind Mailer',
  vendorDomain: 'mail.northwind.test',
  vendorAddressPattern: 'shared',
  vendorSharedAddress: 'hello',
  offeredOptions: [1, 3],
  serverNamePattern: 'nw-{slug}',
  serverColor: 'Green',
  returnPathLabel: 'nw-bounces',
  dnsServers: ['127.0.0.1:5353'],
  dmarcReportMailbox: 'dmarc@northwind.test',
  sheetsServerId: 4242,
  sheetsFromAddress: 'dns@mail.northwind.test',
  hostSessionIdleHours: 8,
  backupFolder: '/var/backups/behalf-a',
  backupIntervalHours: 6,
  backupKeep: 7,
  healthBounceRateMax: 8,
  healthComplaintRateMax: 0.25,
  healthComplaintRateAim: 0.08,
  healthQuietDays: 5,
  healthMinVolume: 50,
  watchIntervalHours: 4,
  watchQuietFrom: 21,
  watchQuietTo: 6,
  dkimRotationMonths: 9,
};
const B: typeof A = {
  vendorName: 'Southwind Mailer',
  vendorDomain: 'send.southwind.test',
  vendorAddressPattern: 'per-customer-subdomain',
  vendorSharedAddress: 'support',
  offeredOptions: [2],
  serverNamePattern: 'sw-{slug}',
  serverColor: 'Red',
  returnPathLabel: 'sw-bounces',
  dnsServers: ['127.0.0.1:5454', '[::1]:53'],
  dmarcReportMailbox: 'rua@southwind.test',
  sheetsServerId: 77,
  sheetsFromAddress: 'dns@send.southwind.test',
  hostSessionIdleHours: 48,
  backupFolder: '/var/backups/behalf-b',
  backupIntervalHours: 72,
  backupKeep: 30,
  healthBounceRateMax: 12,
  healthComplaintRateMax: 0.2,
  healthComplaintRateAim: 0.05,
  healthQuietDays: 14,
  healthMinVolume: 200,
  watchIntervalHours: 12,
  watchQuietFrom: 0,
  watchQuietTo: 5,
  dkimRotationMonths: 24,
};
const KEYS = Object.keys(settingsPatchSchema.shape) as (keyof typeof A)[];
const RENDERER = 'file:///opt/behalf/out/renderer/index.html';

describe('settings round trip: one setting saved alone leaves every other one as it was', () => {
  let host: RunningHost;
  const services = tempServices({ door: 'browser-host' });
  const handles = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  let rpc: (channel: string, body: unknown) => Promise<{ ok: boolean; value?: Settings; error?: { message: string } }>;

  beforeAll(async () => {
    const dispatch = createDispatch(createHandlers(services));
    registerIpc({ handle: (ch, fn) => handles.set(ch, fn) }, dispatch, () => RENDERER);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    host = await startHost({ dispatch, bus: services.bus, staticDir: dir });
    const session = await signIn(host, host.loginUrl);
    rpc = async (channel, body) =>
      JSON.parse((await request(host.port, { path: `/rpc/${channel}`, method: 'POST', headers: session.rpcHeaders(), body: JSON.stringify(body) })).body);
  });
  afterAll(async () => {
    await host?.close();
    services.close();
  });

  it('covers every writable setting (a new setting must be added to A and B here)', () => {
    expect(Object.keys(A).sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) expect(JSON.stringify(A[k]), k).not.toBe(JSON.stringify(B[k]));
  });

  const doors = {
    'IPC (registerIpc + dispatch)': async (patch: Record<string, unknown>) => {
      const reply = (await handles.get('settings.update')!({ senderFrame: { url: RENDERER } }, patch)) as { ok: boolean; error?: unknown };
      expect(reply, JSON.stringify(patch)).toMatchObject({ ok: true });
    },
    'browser host (HTTP RPC)': async (patch: Record<string, unknown>) => {
      const reply = await rpc('settings.update', patch);
      expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true });
    },
  };

  for (const [door, save] of Object.entries(doors)) {
    it(`through the ${door}`, async () => {
      await save(A);
      for (const key of KEYS) {
        await save({ [key]: B[key] });
        const now = services.settings.get() as Record<string, unknown>;
        for (const other of KEYS) expect(now[other], `saving ${key} alone changed ${other}`).toEqual(other === key ? B[other] : A[other]);
        await save({ [key]: A[key] });
      }
      // And from a fresh read of the ledger (not the service's cache): what was stored is what was sent.
      const fresh = tempServices({ door: 'cli', home: services.home });
      expect(fresh.settings.get()).toMatchObject(A);
      fresh.close();
    });
  }

  it('refuses the Postmark API URL and unknown keys through the contract, changing nothing', async () => {
    const before = services.settings.get();
    const endpoint = await rpc('settings.update', { postmarkEndpoint: 'http://127.0.0.1:45555', vendorName: 'Changed' });
    expect(endpoint).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot be changed here/) } });
    const unknown = await rpc('settings.update', { vendorNmae: 'typo' });
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Unknown setting: vendorNmae/) } });
    expect(services.settings.get()).toEqual(before);
  });
});
