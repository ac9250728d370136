import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { registerIpc, type IpcMainLike } from '../../../src-main/ipc/register';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES } from '../../support/nsd/zoneFixtures';
import { tempServices } from '../../support/temp';
import { dumpLedger } from '../../hardening/ledger-dump';
import { expectEnvelope } from '../../hardening/envelope';
import { HOSTILE_DOMAINS, HOSTILE_EMAILS, HOSTILE_JSON, HOSTILE_NAMES, NON_UTF8, OVERLONG, REFUSED, hasUnsafeChars } from '../../hardening/hostile-values';

/**
 * Issue #10 item 1, the Electron door: the real registerIpc + dispatch + services on a real ledger file,
 * called the way Electron would (trusted top frame) with hostile inputs. Every reply must be an envelope,
 * nothing may throw, a refused write must leave the ledger byte-for-byte as it was, and an accepted one must
 * not have stored a character a single-line field must never hold.
 */
const RENDERER = 'file:///opt/behalf/out/renderer/index.html';
type Listener = Parameters<IpcMainLike['handle']>[1];

describe('hostile inputs at the IPC door', () => {
  let nsd: NsdServer;
  let s: ReturnType<typeof tempServices>;
  const handles = new Map<string, Listener>();
  const internalErrors: string[] = [];
  let cases = 0;
  let existingId = '';
  let outcomes = 0;
  let duplicateDomainRefusals = 0;

  beforeAll(async () => {
    // Accepted domains reach a DNS check: answer them from a local nsd, never the internet.
    nsd = await startNsd({ zones: MAIN_ZONES });
    s = tempServices({ door: 'electron', env: { BEHALF_DNS_SERVERS: nsd.server, BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port) } });
    registerIpc(
      { handle: (ch, fn) => handles.set(ch, fn) },
      createDispatch(createHandlers(s), (ch, err) => internalErrors.push(`${ch}: ${String(err)}`)),
      () => RENDERER,
    );
    existingId = s.tenants.create({ name: 'Existing', domain: 'existing.com', contactEmail: 'ops@existing.com' }).id;
  });
  afterAll(async () => {
    console.log(`hostile inputs: ${cases} cases at the IPC door`);
    s?.close();
    await nsd?.stop();
  });

  /** Calls a channel as the app window would; returns the reply and whether the ledger changed. */
  async function call(channel: string, input: unknown, label: string) {
    cases++;
    const fn = handles.get(channel);
    expect(fn, channel).toBeDefined();
    const before = dumpLedger(s.db);
    let reply: unknown;
    try {
      reply = await fn!({ senderFrame: { url: RENDERER } }, input);
    } catch (err) {
      throw new Error(`${channel} threw for ${label}: ${String(err)}`);
    }
    const env = expectEnvelope(reply, `${channel} ← ${label}`);
    if (!env.ok) expect(dumpLedger(s.db), `${channel} ← ${label}: refused but the ledger changed`).toBe(before);
    return env;
  }

  let n = 0;
  const freshDomain = () => `hostile-${++n}.com`;

  /** The decided outcome, checked: accepted with exactly this stored value, or refused with input.invalid. */
  function expectOutcome(
    reply: { ok: boolean; value?: unknown; error?: { code: string } },
    expected: string | typeof REFUSED,
    read: (v: Record<string, string>) => string,
    label: string,
  ) {
    outcomes++;
    if (expected === REFUSED) {
      expect(reply.ok, `${label}: must be refused`).toBe(false);
      expect(reply.error?.code, label).toBe('input.invalid');
    } else {
      expect(reply.ok, `${label}: must be accepted (${JSON.stringify(reply.error)})`).toBe(true);
      expect(read(reply.value as Record<string, string>), label).toBe(expected);
    }
  }

  it('domains: create, update, checkDomain, dmarc.buildRecord, list search', async () => {
    for (const { label, value, expect: expected } of HOSTILE_DOMAINS) {
      const created = await call('tenants.create', { name: `D ${label}`, domain: value }, `domain ${label}`);
      // The same domain may already be a tenant (several spellings normalise to acme.com): that refusal is right too.
      if (expected !== REFUSED && !created.ok && created.error.code === 'tenant.domain-taken') duplicateDomainRefusals++;
      else expectOutcome(created, expected, (v) => v.domain!, `create domain ${label}`);
      const updated = await call('tenants.update', { id: existingId, patch: { domain: value } }, `domain ${label}`);
      if (expected !== REFUSED && !updated.ok && updated.error.code === 'tenant.domain-taken') duplicateDomainRefusals++;
      else expectOutcome(updated, expected, (v) => v.domain!, `update domain ${label}`);
      if (updated.ok) s.tenants.update(existingId, { domain: 'existing.com' });
      await call('dns.checkDomain', { domain: value, option: 1, dkimHost: value, returnPath: value }, `domain ${label}`);
      await call('dmarc.buildRecord', { domain: value, input: { p: 'reject', rua: [`mailto:${value}`] } }, `domain ${label}`);
      await call('tenants.list', { search: value }, `search ${label}`);
      await call('tenants.get', { id: value }, `id ${label}`);
    }
  }, 120_000);

  it('emails: contact, from address, seed inbox', async () => {
    for (const { label, value, expect: expected } of HOSTILE_EMAILS) {
      for (const field of ['contactEmail', 'fromAddress'] as const) {
        const r = await call('tenants.create', { name: `E ${label}`, domain: freshDomain(), [field]: value }, `${field} ${label}`);
        expectOutcome(r, expected, (v) => v[field]!, `${field} ${label}`);
      }
      const seed = await call('sends.seedsAdd', { address: value }, `seed ${label}`);
      expectOutcome(seed, expected, (v) => v.address!, `seed ${label}`);
    }
  });

  it('display names: tenant name, contact name, From name, lint', async () => {
    for (const { label, value, expect: expected } of HOSTILE_NAMES) {
      for (const field of ['name', 'contactName', 'fromName'] as const) {
        const input = { name: 'N', domain: freshDomain(), [field]: value };
        const r = await call('tenants.create', input, `${field} ${label}`);
        // An empty contact or From name is "not given", which is allowed; an empty tenant name is not.
        const fieldExpected = field !== 'name' && value.trim() === '' ? '' : expected;
        expectOutcome(r, fieldExpected, (v) => v[field]!, `${field} ${label}`);
        if (r.ok) expect(hasUnsafeChars((r.value as Record<string, string>)[field]!), `${field} ${label} stored unsafe chars`).toBe(false);
      }
      const u = await call('tenants.update', { id: existingId, patch: { fromName: value } }, `patch fromName ${label}`);
      expectOutcome(u, value.trim() === '' ? '' : expected, (v) => v.fromName!, `patch fromName ${label}`);
      await call('options.lintDisplayName', { id: existingId, name: value }, `lint ${label}`);
    }
  });

  it('JSON oddities, as they arrive off the wire', async () => {
    for (const { label, json, create } of HOSTILE_JSON) {
      const input: unknown = JSON.parse(json);
      const r = await call('tenants.create', input, label);
      outcomes++;
      expect(r.ok ? 'accepted' : r.error.code, label).toBe(create ?? 'input.invalid');
      if (r.ok) expect(r.value as { status: string; id: string }).toMatchObject({ status: 'draft' });
      if (r.ok) expect((r.value as { id: string }).id).not.toBe('t_forged');
      await call('tenants.list', input, label);
      const st = await call('settings.update', input, label);
      outcomes++;
      expect(st.ok ? 'accepted' : st.error.code, `settings.update ${label}`).toBe('input.invalid');
      await call('tenants.importCsv', input, label);
    }
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('non-UTF-8 bytes (decoded with replacement) and over-long strings', async () => {
    for (const { label, bytes } of NON_UTF8) {
      const text = bytes.toString('utf8');
      await call('tenants.create', { name: text, domain: `${text}.com` }, `non-UTF-8 ${label}`);
      await call('tenants.importCsv', { csv: `name,domain\n${text},${text}.com\n` }, `non-UTF-8 csv ${label}`);
      // Raw bytes where a string is expected (IPC structured clone can carry a Uint8Array).
      await call('tenants.create', { name: bytes, domain: bytes }, `raw bytes ${label}`);
    }
    for (const { label, value } of OVERLONG) {
      await call('tenants.create', { name: value, domain: freshDomain() }, `name ${label}`);
      await call('tenants.list', { search: value }, `search ${label}`);
      await call('tenants.update', { id: value, patch: {} }, `id ${label}`);
      await call('options.lintDisplayName', { id: existingId, name: value }, `lint ${label}`);
    }
  });

  it('DNS server settings that would abort the resolver are refused', async () => {
    for (const server of ['127.0.0.1:0', '[::1]:0', '127.0.0.1:65536', '127.0.0.1:99999', '127.0.0.1:', 'evil.example:53', '127.0.0.1:53; rm -rf /']) {
      const r = await call('settings.update', { dnsServers: [server] }, `dnsServers ${server}`);
      expect(r.ok, server).toBe(false);
    }
  });

  it('no handler threw an unexpected error', () => {
    console.log(`hostile inputs at the IPC door: ${outcomes} decided outcomes checked`);
    expect(internalErrors).toEqual([]);
    expect(outcomes).toBe(
      HOSTILE_DOMAINS.length * 2 - duplicateDomainRefusals + HOSTILE_EMAILS.length * 3 + HOSTILE_NAMES.length * 4 + HOSTILE_JSON.length * 2,
    );
    expect(cases).toBeGreaterThanOrEqual(200);
  });
});
