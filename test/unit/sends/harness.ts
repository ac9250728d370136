import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../../../src-main/core/event-bus';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { createPostmarkGateway, type PostmarkGateway } from '../../../src-main/postmark';
import { ObjectStore } from '../../../src-main/postmark/outbox/object-store';
import { withoutTokens } from '../../../src-main/postmark/types';
import { MemoryVault } from '../../../src-main/secrets/memory-vault';
import type { JobClaims } from '../../../src-main/core/job-claims';
import { createSendService, type SendService } from '../../../src-main/sends';
import { createSeedMailboxService, type SeedMailboxService } from '../../../src-main/sends/seed-mailbox/seed-mailbox-service';
import { SettingsService } from '../../../src-main/settings/settings-service';
import { TenantService } from '../../../src-main/tenants/tenant-service';
import { startPostmarkSimulator, type PostmarkSimulator, type SimResolver } from '../../support/postmark-sim';

export interface SendHarness {
  sim: PostmarkSimulator;
  db: Db;
  bus: EventBus;
  tenants: TenantService;
  settings: SettingsService;
  gateway: PostmarkGateway;
  vault: MemoryVault;
  sends: SendService;
  /** Seed mailboxes over IMAP, on the harness's clock (missing after MAILBOX_WAIT_MS). */
  mailboxes: SeedMailboxService;
  events: Array<{ tenantId: string; sendId: number }>;
  /** The service's clock minus real time; `advance` moves it and the simulator's clock together. */
  clock: { offsetMs: number };
  now(): Date;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A real ledger file, the simulator over HTTP and the real gateway (fast retries, no sleeping). */
export async function startSendHarness(opts: { resolver?: SimResolver; claims?: () => JobClaims | null } = {}): Promise<SendHarness> {
  const sim = await startPostmarkSimulator(opts.resolver ? { resolver: opts.resolver } : {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-sends-'));
  const db = openLedger(path.join(dir, 'ledger.sqlite'));
  const bus = new EventBus();
  const settings = new SettingsService(db, bus);
  const tenants = new TenantService({ db, bus });
  const vault = new MemoryVault({ POSTMARK_ACCOUNT_TOKEN: sim.accountToken });
  const gateway = createPostmarkGateway({
    accountToken: () => vault.getAccountToken(),
    endpoint: sim.url,
    timeoutSeconds: 3,
    retry: { attempts: 3, baseMs: 1, maxMs: 2 },
    sleep: async () => {},
  });
  const events: Array<{ tenantId: string; sendId: number }> = [];
  bus.on('sends.changed', (e) => events.push(e));
  const clock = { offsetMs: 0 };
  const now = () => new Date(Date.now() + clock.offsetMs);
  const mailboxes = createSeedMailboxService({ db, env: {}, vault, now, timeoutMs: 5_000 });
  const sends = createSendService({
    db,
    bus,
    settings,
    tenants,
    vault,
    gateway: () => gateway,
    backoff: { baseMs: 1, maxMs: 2 },
    now,
    mailboxes,
    ...(opts.claims ? { claims: opts.claims } : {}),
  });
  return {
    sim,
    db,
    bus,
    tenants,
    settings,
    gateway,
    vault,
    sends,
    mailboxes,
    events,
    clock,
    now,
    advance(ms) {
      clock.offsetMs += ms;
      sim.elapse(ms);
    },
    async close() {
      sends.stop();
      db.close();
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An option-2 tenant with its own server and a sender signature, linked in postmark_objects the way the
 * outbox links them. `confirmed` sets both Postmark's state and the ledger's copy.
 */
export async function option2Tenant(h: SendHarness, opts: { confirmed: boolean; ledgerConfirmed?: boolean } = { confirmed: true }) {
  const tenant = h.tenants.create({ name: 'Acme Inc', domain: 'acme.test', fromAddress: 'hello@acme.test', fromName: 'Acme', option: 2 });
  const server = await h.gateway.createServer({ Name: 'behalf-acme' });
  const sender = await h.gateway.createSender({ FromEmail: 'hello@acme.test', Name: 'Acme Support' });
  if (opts.confirmed) h.sim.confirmSender(sender.ID);
  const objects = new ObjectStore(h.db);
  const now = new Date().toISOString();
  objects.upsert({ tenantId: tenant.id, kind: 'server', postmarkId: server.ID, name: server.Name, details: withoutTokens(server) }, now);
  objects.upsert(
    {
      tenantId: tenant.id,
      kind: 'sender',
      postmarkId: sender.ID,
      name: sender.EmailAddress,
      details: { ...sender, Confirmed: opts.ledgerConfirmed ?? opts.confirmed },
    },
    now,
  );
  h.sim.state.requests.length = 0;
  return { tenant, server, sender };
}

export function seedTwo(h: SendHarness): void {
  h.sends.seeds.add({ address: 'seed.one@gmail.test', provider: 'Gmail' });
  h.sends.seeds.add({ address: 'seed.two@outlook.test', provider: 'Outlook' });
}

export const batchPosts = (h: SendHarness) => h.sim.state.requests.filter((r) => r.method === 'POST' && /^\/email/.test(r.path));
