import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { createPostmarkGateway } from '../../../src-main/postmark';
import { freePort, startNsd, type NsdServer } from '../../support/nsd';
import { zone } from '../../support/nsd/zoneFixtures';
import { createFakeResolver, startPostmarkSimulator, type PostmarkSimulator } from '../../support/postmark-sim';
import { tempServices } from '../../support/temp';

/**
 * Issue #22, done-when: an internationalised customer is added in Unicode, provisioned (Postmark simulator over
 * HTTP), checked against real nsd serving a zone written in A-labels, and sent a sheet — handled in A-labels
 * everywhere it leaves Behalf, shown in Unicode where a person reads it.
 */
const ALABEL = 'xn--mller-shne-kcb9d.de';
const ULABEL = 'müller-söhne.de';
const FROM = 'dns-help@vendor.test';

/** A TXT value as zone-file strings of at most 255 bytes. */
const txt = (value: string) => (value.match(/.{1,255}/g) ?? []).map((s) => `"${s}"`).join(' ');

describe('an IDN tenant end to end (simulator + nsd)', () => {
  let sim: PostmarkSimulator;
  let nsd: NsdServer | undefined;
  let s: ReturnType<typeof tempServices>;
  let port = 0;
  /** What the Postmark simulator's own DNS lookups see (its verification), separate from nsd. */
  let postmarkDns: ReturnType<typeof createFakeResolver>;

  beforeAll(async () => {
    port = await freePort();
    postmarkDns = createFakeResolver();
    sim = await startPostmarkSimulator({ resolver: postmarkDns });
    s = tempServices({
      env: {
        BEHALF_POSTMARK_URL: sim.url,
        POSTMARK_ACCOUNT_TOKEN: sim.accountToken,
        BEHALF_DNS_SERVERS: `127.0.0.1:${port}`,
        BEHALF_DNS_AUTHORITATIVE_PORT: String(port),
      },
    });
    const setup = createPostmarkGateway({ accountToken: sim.accountToken, endpoint: sim.url });
    const serverId = (await setup.createServer({ Name: 'Vendor transactional' })).ID;
    sim.confirmSender((await setup.createSender({ FromEmail: FROM, Name: 'Vendor' })).ID);
    s.settings.update({ vendorName: 'Northwind Mailer', vendorDomain: 'vendor.test', sheetsServerId: serverId, sheetsFromAddress: FROM });
  });
  afterAll(async () => {
    await nsd?.stop();
    await s?.postmark.stopRunner();
    s?.close();
    await sim?.close();
  });

  it('add → provision → publish (A-label zone) → verify → check → sheet → send', async () => {
    const dispatch = createDispatch(createHandlers(s));
    const created = await dispatch('tenants.create', { name: 'Müller & Söhne', domain: 'Müller-Söhne.de', option: 1, contactEmail: `it@${ULABEL}` });
    expect(created.ok).toBe(true);
    const t = (created as { ok: true; value: { id: string; domain: string; contactEmail: string } }).value;
    expect(t).toMatchObject({ domain: ALABEL, contactEmail: `it@${ALABEL}` });

    // Postmark is given the A-label, and what it hands back (DKIM host, Return-Path) is in A-labels too.
    const { state } = await s.postmark.provision({ id: t.id, returnPathDomain: 'pm-bounces' });
    expect(state.domain?.name).toBe(ALABEL);
    expect(sim.state.domains.map((d) => d.Name)).toEqual([ALABEL]);
    const key = state.domain!.pending!;
    expect(key.host).toMatch(new RegExp(`^[a-z0-9]+pm\\._domainkey\\.${ALABEL.replace(/\./g, '\\.')}$`));
    expect(state.domain!.returnPath.domain).toBe(`pm-bounces.${ALABEL}`);

    // The customer publishes; the zone file is written with A-labels, as every DNS server stores it.
    postmarkDns.setTxt(key.host, [key.value]);
    postmarkDns.setCname(state.domain!.returnPath.domain, state.domain!.returnPath.cname);
    nsd = await startNsd({
      port,
      zones: {
        [ALABEL]: zone(
          ALABEL,
          `
${key.host}. IN TXT ${txt(key.value)}
pm-bounces IN CNAME ${state.domain!.returnPath.cname}.
_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@${ALABEL}"
@ IN MX 10 mx.${ALABEL}.
mx IN A 192.0.2.10
@ IN TXT "v=spf1 mx -all"`,
        ),
      },
    });
    expect((await s.postmark.verify(t.id)).domain?.dkimVerified).toBe(true);
    expect(s.tenants.get(t.id).status).toBe('live');

    // Behalf's own check asks nsd for A-label names and finds every record.
    const check = await s.dns.checkTenant(t.id);
    const report = check.report;
    expect(report.domain).toBe(ALABEL);
    const byKind = Object.fromEntries(report.records.map((r) => [r.kind, r]));
    expect(byKind.dkim).toMatchObject({ name: key.host, status: 'ok' });
    expect(byKind['return-path']).toMatchObject({ name: `pm-bounces.${ALABEL}`, status: 'ok' });
    expect(byKind.dmarc).toMatchObject({ name: `_dmarc.${ALABEL}`, status: 'ok' });
    for (const r of report.records) expect(r.name.endsWith(ALABEL), r.name).toBe(true);

    // The sheet reads in Unicode, explains the xn-- form, and its records are A-labels to type as shown.
    const { sheet } = await s.sheets.preview(t.id);
    expect(sheet.title).toContain(`${ULABEL} (${ALABEL})`);
    expect(sheet.intro[0]).toMatch(new RegExp(`in your DNS panel it may show as ${ALABEL.replace(/\./g, '\\.')} or as ${ULABEL}`, 'i'));
    expect(sheet.records.length).toBeGreaterThan(0);
    for (const r of sheet.records) expect(/[^ -~]/.test(JSON.stringify(r)), JSON.stringify(r)).toBe(false);

    // Sent to the customer's contact: the envelope carries the A-label, the subject the name they know.
    const sent = await dispatch('sheets.send', { id: t.id, to: `it@${ULABEL}` });
    expect(sent.ok).toBe(true);
    const mail = sim.state.messages.at(-1)!;
    expect(mail.To.map((r) => r.Email)).toEqual([`it@${ALABEL}`]);
    expect(mail.Subject).toBe(`DNS instructions for ${ULABEL} (Northwind Mailer)`);
    expect(mail.TextBody).toContain(key.host);

    // Found by either spelling.
    for (const q of [ULABEL, ALABEL, 'söhne']) expect(s.tenants.list({ search: q }).total, q).toBe(1);
  }, 60_000);
});
