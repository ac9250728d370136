import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { runCli } from '../../../src-main/cli/main';
import { createHandlers } from '../../../src-main/app/handlers';
import { createPostmarkGateway } from '../../../src-main/postmark';
import { createSheetSender, type SheetSender } from '../../../src-main/sheets/sheet-send';
import { BehalfError } from '../../../src-preload/api/errors';
import type { Tenant } from '../../../src-preload/api/tenants';
import { startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { addAwaitingTenant, SAMPLE_DKIM_VALUE } from '../../support/sheet-ledger';
import { tempServices } from '../../support/temp';

const FROM = 'dns-help@vendor.test';

let sim: PostmarkSimulator;
let s: ReturnType<typeof tempServices>;
let tenant: Tenant;
let serverId: number;
let sender: SheetSender;

/** A sender over a gateway that retries without sleeping (503/429 are retried inside one call). */
function senderWith(accountToken: string | undefined) {
  const gateway = createPostmarkGateway({
    accountToken: () => accountToken,
    endpoint: sim.url,
    retry: { attempts: 2, baseMs: 1, maxMs: 2 },
    sleep: async () => {},
  });
  const vault = {
    getServerToken: (id: number) => s.vault.getServerToken(id),
    setServerToken: (id: number, t: string) => s.vault.setServerToken(id, t),
    hasAccountToken: () => accountToken !== undefined,
  };
  return createSheetSender({ sheets: s.sheets, tenants: s.tenants, settings: s.settings, gateway: () => gateway, vault });
}

async function failure(p: Promise<unknown>): Promise<BehalfError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BehalfError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

beforeEach(async () => {
  sim = await startPostmarkSimulator();
  const setup = createPostmarkGateway({ accountToken: sim.accountToken, endpoint: sim.url });
  serverId = (await setup.createServer({ Name: 'Vendor transactional' })).ID;
  sim.confirmSender((await setup.createSender({ FromEmail: FROM, Name: 'Vendor' })).ID);
  await setup.createSender({ FromEmail: 'unconfirmed@vendor.test', Name: 'Vendor' });
  s = tempServices({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken } });
  s.settings.update({ vendorName: 'Northwind Mailer', vendorDomain: 'vendor.test', sheetsServerId: serverId, sheetsFromAddress: FROM });
  tenant = addAwaitingTenant(s, 'Acme Corporation', 'acme.test', 501);
  sender = senderWith(sim.accountToken);
});
afterEach(async () => {
  s.close();
  await sim.close();
});

const audit = () => s.tenants.auditTrail(tenant.id).map((r) => `${r.action}: ${r.newValue ?? ''}`);

describe('sheets.send through the vendor server (simulator over HTTP)', () => {
  it('emails the HTML sheet with the PDF attached, records it, and never returns a token', async () => {
    const dispatch = createDispatch(createHandlers(s));
    const res = await dispatch('sheets.send', { id: tenant.id, to: ' it@acme.test ', note: 'Hi <Sam>, please add these today.', provider: 'cloudflare' });
    expect(res.ok).toBe(true);
    const value = (res as { ok: true; value: Record<string, unknown> }).value;
    expect(value).toMatchObject({ to: 'it@acme.test', from: FROM, serverId, attachment: 'acme-corporation-acme.test.pdf' });

    expect(sim.state.messages).toHaveLength(1);
    const mail = sim.state.messages[0]!;
    expect(mail.serverId).toBe(serverId);
    expect(mail.MessageID).toBe(value.messageId);
    expect(mail.To.map((r) => r.Email)).toEqual(['it@acme.test']);
    expect(mail.From).toBe(`"Northwind Mailer" <${FROM}>`);
    expect(mail.Subject).toBe('DNS instructions for acme.test (Northwind Mailer)');
    expect(mail.Attachments).toEqual(['acme-corporation-acme.test.pdf']);
    expect(mail.HtmlBody).toContain('<h1>');
    expect(mail.HtmlBody).toContain(SAMPLE_DKIM_VALUE);
    expect(mail.HtmlBody).toContain('Hi &lt;Sam&gt;, please add these today.');
    expect(mail.TextBody).toContain('attached as acme-corporation-acme.test.pdf');
    expect(mail.TextBody).toContain('20240817055129pm._domainkey.acme.test');
    expect(mail.Tag).toBe('dns-sheet');

    const serverToken = sim.serverToken(serverId);
    expect(s.vault.getServerToken(serverId)).toBe(serverToken);
    expect(JSON.stringify(value)).not.toContain(serverToken);
    expect(JSON.stringify(value)).not.toContain(sim.accountToken);
    expect(audit().some((a) => a.startsWith('sheet.sent: DNS sheet sent to it@acme.test'))).toBe(true);
  });

  it('CLI: behalf sheet --send-to sends the same email; a bad token exits 3 with the Settings hint', async () => {
    const run = async (args: string[], token: string) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        ['sheet', '--home', s.home, ...args],
        { out: (t) => out.push(t), err: (t) => err.push(t) },
        { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: token },
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const ok = await run(['--tenant', 'acme.test', '--send-to', 'it@acme.test', '--note', 'From the CLI', '--provider', 'route53'], sim.accountToken);
    expect(ok, ok.err).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(
      /^Sent the DNS sheet for Acme Corporation to it@acme\.test from dns-help@vendor\.test \(Postmark server \d+, message [0-9a-f-]{36}, acme-corporation-acme\.test\.pdf attached\)$/,
    );
    expect(sim.state.messages.map((m) => m.Attachments)).toEqual([['acme-corporation-acme.test.pdf']]);
    expect(sim.state.messages[0]!.HtmlBody).toContain('From the CLI');
    const bad = await run(['--tenant', 'acme.test', '--send-to', 'it@acme.test', '--provider', 'route53'], 'wrong-token-1234567');
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/hint: Set a valid Postmark account token in Settings/);
    expect(bad.err).not.toContain('wrong-token-1234567');
    expect((await run(['--tenant', 'acme.test', '--send-to', 'it@acme.test', '--out', 'x.pdf'], sim.accountToken)).code).toBe(2);
  });

  it('refuses a malformed address and an unconfigured setup before anything reaches Postmark', async () => {
    expect((await failure(sender.send({ id: tenant.id, to: 'not-an-address', provider: 'generic' }))).code).toBe('sheet.send-bad-address');
    s.settings.update({ sheetsServerId: null });
    const err = await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(err.code).toBe('sheet.send-not-configured');
    expect(err.hint).toMatch(/Settings/);
    expect(sim.state.messages).toHaveLength(0);
  });

  it('preflights before any dialog: lists the account servers and says which step is missing, with its fix', async () => {
    const steps = async () => Object.fromEntries((await sender.check()).steps.map((x) => [x.id, `${x.state}: ${x.detail}`]));
    const ready = await sender.check();
    expect(ready.ready).toBe(true);
    expect(ready.servers).toContainEqual({ id: serverId, name: 'Vendor transactional' });
    expect(await steps()).toMatchObject({ server: `ok: Vendor transactional (ID ${serverId})`, from: `ok: ${FROM} is a confirmed sender signature.` });

    s.settings.update({ sheetsFromAddress: 'unconfirmed@vendor.test' });
    expect((await steps()).from).toMatch(/^failing: unconfirmed@vendor\.test is a sender signature that is not confirmed yet/);
    s.settings.update({ sheetsFromAddress: 'nobody@elsewhere.test', sheetsServerId: 999_999 });
    const bad = await sender.check();
    expect(bad.ready).toBe(false);
    expect(bad.steps.find((x) => x.id === 'server')).toMatchObject({ state: 'failing', detail: 'The account has no server 999999.' });
    expect(bad.steps.find((x) => x.id === 'from')?.hint).toMatch(/Add Domain, add elsewhere\.test/);
    s.settings.update({ vendorName: 'Vendor' });
    expect((await sender.check()).steps[0]).toMatchObject({ id: 'vendor', state: 'failing' });
    expect((await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }))).code).toBe('settings.vendor-identity-default');
    const none = await senderWith(undefined).check();
    expect(none.steps.map((x) => `${x.id}:${x.state}`)).toEqual(['vendor:failing', 'token:failing']);
    expect(sim.state.messages).toHaveLength(0);
  });

  it('maps an unknown From (ErrorCode 400) and an unconfirmed one (401) to a From hint', async () => {
    s.settings.update({ sheetsFromAddress: 'nobody@elsewhere.test' });
    const unknown = await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(unknown.code).toBe('sheet.send-from-not-confirmed');
    expect(unknown.message).toMatch(/nobody@elsewhere\.test .*ErrorCode 400/);
    expect(unknown.hint).toMatch(/From address for sheets/);
    s.settings.update({ sheetsFromAddress: 'unconfirmed@vendor.test' });
    const unconfirmed = await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(unconfirmed.code).toBe('sheet.send-from-not-confirmed');
    expect(unconfirmed.message).toMatch(/not confirmed yet.*ErrorCode 401/);
    expect(sim.state.messages).toHaveLength(0);
  });

  it('without an account token says to set it in Settings; with a wrong one, too, without echoing it', async () => {
    const none = await failure(senderWith(undefined).send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(none.code).toBe('sheet.send-no-token');
    expect(none.hint).toMatch(/account token in Settings/);
    const wrong = await failure(senderWith('wrong-token-1234567').send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(wrong.code).toBe('sheet.send-unauthorized');
    expect(wrong.hint).toMatch(/account token in Settings/);
    expect(`${wrong.message} ${wrong.hint}`).not.toContain('wrong-token-1234567');
    expect(sim.state.messages).toHaveLength(0);
  });

  it('a stale cached server token is re-read once from Postmark and the mail goes out', async () => {
    s.vault.setServerToken(serverId, 'stale-server-token-0000');
    await sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' });
    expect(sim.state.messages).toHaveLength(1);
    expect(s.vault.getServerToken(serverId)).toBe(sim.serverToken(serverId));
  });

  it('an unknown server ID says which setting to fix', async () => {
    s.settings.update({ sheetsServerId: 999_999 });
    const err = await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(err.code).toBe('sheet.send-no-server');
    expect(err.hint).toMatch(/Server for sheets/);
  });

  it('Postmark in maintenance (503): nothing is sent, nothing is queued, the message says so', async () => {
    sim.faults.next({ status: 503, times: 5, match: /\/email/ });
    const err = await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(err.code).toBe('sheet.send-postmark-down');
    expect(err.message).toMatch(/^Nothing was sent to it@acme\.test/);
    expect(err.hint).toMatch(/Try again/);
    expect(sim.state.messages).toHaveLength(0);
    sim.faults.clear();
    await sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' });
    expect(sim.state.messages).toHaveLength(1);
  });

  it('a connection broken after Postmark accepted: not resent, outcome unknown, written in the history', async () => {
    sim.faults.next({ drop: true, processed: true, match: /\/email/ });
    const err = await failure(sender.send({ id: tenant.id, to: 'it@acme.test', provider: 'generic' }));
    expect(err.code).toBe('sheet.send-offline');
    expect(err.hint).toMatch(/Check Activity of server \d+ in Postmark/);
    expect(sim.state.messages).toHaveLength(1);
    expect(audit().some((a) => a.startsWith('sheet.send-unknown: DNS sheet to it@acme.test'))).toBe(true);
  });
});
