import { promises as dnsPromises } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { createPostmarkGateway } from '../../../src-main/postmark';
import { DkimStore } from '../../../src-main/dkim/dkim-store';
import { startNsd, type NsdServer } from '../../support/nsd';
import { zone } from '../../support/nsd/zoneFixtures';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempServices } from '../../support/temp';

/**
 * A rotation from "due" to "old key deleted" through the real composition root: the simulator over HTTP verifies
 * against nsd, Behalf's DNS checks ask the same nsd, and the customer's sheet goes out through the vendor server.
 */
const FROM = 'dns-help@vendor.test';
let nsd: NsdServer;
let sim: PostmarkSimulator;
let s: ReturnType<typeof tempServices>;
const records = new Map<string, string>();
const publish = async () =>
  nsd.reload({ 'rot.test': zone('rot.test', [...records].map(([label, v]) => `${label} IN TXT "${v}"`).join('\n') + '\nbounces IN CNAME pm.mtasv.net.') });
const label = (host: string) => host.replace(/\.rot\.test$/, '');

beforeAll(async () => {
  nsd = await startNsd({ zones: { 'rot.test': zone('rot.test', '') } });
  const resolver = new dnsPromises.Resolver();
  resolver.setServers([nsd.server]);
  sim = await startPostmarkSimulator({ resolver });
  const setup = createPostmarkGateway({ accountToken: sim.accountToken, endpoint: sim.url });
  const sheetServer = (await setup.createServer({ Name: 'Vendor transactional' })).ID;
  sim.confirmSender((await setup.createSender({ FromEmail: FROM, Name: 'Vendor' })).ID);
  s = tempServices({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken, BEHALF_DNS_SERVERS: nsd.server } });
  s.settings.update({ vendorName: 'Northwind Mailer', vendorDomain: 'vendor.test', sheetsServerId: sheetServer, sheetsFromAddress: FROM });
}, 60_000);
afterAll(async () => {
  await s?.postmark.stopRunner();
  s?.close();
  await sim?.close();
  await nsd?.stop();
});

describe('DKIM rotation calendar (simulator + nsd)', () => {
  it('records the key, finds it due, rotates with the sheet, and tracks it to "old key deleted"; the watch alerts once', async () => {
    const t = s.tenants.create({ name: 'Rota Inc', domain: 'rot.test', option: 1, contactEmail: 'it@rot.test' });
    await s.postmark.provision({ id: t.id, returnPathDomain: 'bounces' });
    const first = s.postmark.state(t.id).domain!.pending!;
    records.set(label(first.host), first.value);
    await publish();
    await s.postmark.verify(t.id);

    let row = s.dkim.list().rows.find((r) => r.tenantId === t.id)!;
    expect(row.keys).toEqual([expect.objectContaining({ role: 'active', host: first.host, bits: 1024, ageExact: true })]);
    expect(row).toMatchObject({ ageDays: 0, due: false });
    // A rotation needs a due key or a name; a year later (the sighting moved back) it is due.
    const year = new Date(Date.now() - 366 * 86_400_000).toISOString();
    s.db.prepare('UPDATE dkim_keys SET first_seen_active_at = ? WHERE tenant_id = ?').run(year, t.id);
    row = s.dkim.list().rows.find((r) => r.tenantId === t.id)!;
    expect(row).toMatchObject({ ageDays: 366, due: true });
    // The Due filter finds it, and a limit caps rows, never the counts.
    const dueOnly = s.dkim.list({ filter: 'due', limit: 1 });
    expect(dueOnly).toMatchObject({ total: 1, due: 1, counts: { due: 1, rotating: 0 } });
    expect(dueOnly.rows.map((r) => r.tenantId)).toEqual([t.id]);
    expect(s.dkim.list({ filter: 'rotating' })).toMatchObject({ rows: [], total: 0 });

    const dispatch = createDispatch(createHandlers(s));
    const rotated = await dispatch('dkim.rotate', { allDue: true });
    expect(rotated.ok).toBe(true);
    row = s.dkim.list().rows.find((r) => r.tenantId === t.id)!;
    const fresh = s.postmark.state(t.id).domain!.pending!;
    expect(row.due).toBe(false);
    expect(row.rotation).toMatchObject({ stage: 'new-key-pending', oldHost: first.host, newHost: fresh.host, sheet: { state: 'sent' } });
    expect(row.keys.map((k) => k.role)).toEqual(['active', 'pending']);
    // The customer's new sheet carries the new key.
    const mail = sim.state.messages.at(-1)!;
    expect(mail.To.map((r) => r.Email)).toEqual(['it@rot.test']);
    expect(mail.TextBody).toContain(fresh.host);
    // A second rotate of the same tenant is refused with the reason (one open rotation).
    expect((await s.dkim.rotate({ tenantIds: [t.id] })).skipped).toEqual([
      { tenantId: t.id, name: 'Rota Inc', reason: 'a rotation is already under way (new key pending (publish it))' },
    ]);

    // Nothing published yet: progress leaves it pending.
    expect((await s.dkim.progress({})).advanced).toEqual([]);
    records.set(label(fresh.host), fresh.value);
    await publish();
    expect((await s.dkim.progress({ tenantId: t.id })).advanced).toEqual([{ tenantId: t.id, name: 'Rota Inc', from: 'new-key-pending', to: 'new-key-active' }]);
    // The next verify sees the new key still there: Postmark says the old one may go; DNS still has it.
    expect((await s.dkim.progress({})).advanced.map((a) => a.to)).toEqual(['old-key-safe-to-delete']);
    row = s.dkim.list().rows.find((r) => r.tenantId === t.id)!;
    expect(row.keys.find((k) => k.role === 'revoked')).toMatchObject({ host: first.host, published: true });

    // The watch raises "safe to delete" once, however many rounds see it.
    const round1 = await s.watch.runOnce();
    expect(round1.raised.filter((a) => a.kind === 'dkim-revoked-safe').map((a) => a.title)).toEqual(['Rota Inc: an old DKIM key is safe to delete']);
    expect((await s.watch.runOnce()).raised.filter((a) => a.kind === 'dkim-revoked-safe')).toEqual([]);

    records.delete(label(first.host));
    await publish();
    expect((await s.dkim.progress({})).advanced.map((a) => a.to)).toEqual(['old-key-deleted']);
    row = s.dkim.list().rows.find((r) => r.tenantId === t.id)!;
    expect(row.rotation).toMatchObject({ stage: 'old-key-deleted', next: 'Done: the old key is gone from DNS.' });
    expect(row.keys.find((k) => k.role === 'revoked')?.published).toBe(false);
    expect(row.rotation?.deletedAt).not.toBeNull();
    const stored = new DkimStore(s.db).latestRotation(t.id)!;
    expect(stored.deleted_check_id).toBe(s.dns.latest(t.id)!.id);
    expect(s.tenants.auditTrail(t.id).filter((a) => a.action === 'dkim.rotation').length).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('refuses a tenant that is not option 1, and one without a key is skipped with the reason', async () => {
    const two = s.tenants.create({ name: 'Two Co', domain: 'two.test', option: 2, fromAddress: 'a@two.test' });
    const res = await createDispatch(createHandlers(s))('dkim.rotate', { tenantIds: [two.id] });
    expect(res).toMatchObject({ ok: false, error: { code: 'dkim.not-option-1' } });
    const draft = s.tenants.create({ name: 'Draft One', domain: 'draft.test', option: 1 });
    expect((await s.dkim.rotate({ tenantIds: [draft.id] })).skipped).toEqual([
      { tenantId: draft.id, name: 'Draft One', reason: 'not provisioned in Postmark yet' },
    ]);
  });
});
