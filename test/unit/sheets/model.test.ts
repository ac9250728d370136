import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { buildSheet } from '../../../src-main/sheets/model';
import { DKIM_VALUE, DMARC_VALUE, option1Input, optionInput } from './fixtures';

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof BehalfError ? err.code : `not a BehalfError: ${String(err)}`;
  }
  return undefined;
}

describe('buildSheet, option 1', () => {
  const sheet = buildSheet(option1Input());

  it('lists every record with relative host, FQDN, value and a 3600 s TTL', () => {
    expect(sheet.records.map((r) => [r.n, r.kind, r.type, r.host, r.fqdn, r.ttl])).toEqual([
      [1, 'dkim', 'TXT', '20240817055129pm._domainkey', '20240817055129pm._domainkey.acme.com', 3600],
      [2, 'returnPath', 'CNAME', 'pm-bounces', 'pm-bounces.acme.com', 3600],
      [3, 'dmarc', 'TXT', '_dmarc', '_dmarc.acme.com', 3600],
      [4, 'dmarcReportAuth', 'TXT', 'acme.com._report._dmarc', 'acme.com._report._dmarc.behalf-vendor.com', 3600],
    ]);
    expect(sheet.records[0]!.value).toBe(DKIM_VALUE);
    expect(sheet.records[1]!.value).toBe('pm.mtasv.net');
    expect(sheet.records[2]!.value).toBe(DMARC_VALUE);
    expect(sheet.records.map((r) => r.required)).toEqual([true, true, false, false]);
  });

  it('puts the DMARC report permission in its own zone', () => {
    const auth = sheet.records[3]!;
    expect(auth.inTenantZone).toBe(false);
    expect(auth.zone).toBe('behalf-vendor.com');
    expect(sheet.steps.some((s) => s.text.includes('Record 4 belongs in the DNS of behalf-vendor.com'))).toBe(true);
  });

  it('writes an intro in plain words with title, vendor and provider', () => {
    expect(sheet.title).toBe('Email setup for Acme Corporation: 4 DNS records for acme.com');
    expect(sheet.intro.join(' ')).toMatch(/DNS is the public directory of a domain/);
    expect(sheet.intro.join(' ')).toContain('add them in GoDaddy');
    expect(sheet.provider).toEqual({ id: 'godaddy', name: 'GoDaddy' });
    expect(sheet.generatedLabel).toBe('2024-08-17 05:51 UTC');
  });

  it('numbers provider-specific steps with the exact host to type', () => {
    expect(sheet.steps[0]!.text).toContain('GoDaddy');
    const dkimStep = sheet.steps.find((s) => s.text.startsWith('Add record 1'))!;
    expect(dkimStep.fields).toContainEqual({ label: 'Name', value: '20240817055129pm._domainkey', literal: true });
    expect(dkimStep.fields.find((f) => f.label === 'Value')!.literal).toBe(false); // too long: points at the record
    const cname = sheet.steps.find((s) => s.text.startsWith('Add record 2'))!;
    expect(cname.fields).toContainEqual({ label: 'Value', value: 'pm.mtasv.net', literal: true });
    expect(cname.after).toContain('Save');
  });

  it('tells how to verify: dig, nslookup, expected answers, and that we confirm', () => {
    expect(sheet.verify.checks[0]).toEqual({
      record: 1,
      fqdn: '20240817055129pm._domainkey.acme.com',
      dig: 'dig +short TXT 20240817055129pm._domainkey.acme.com',
      nslookup: 'nslookup -type=TXT 20240817055129pm._domainkey.acme.com',
      expect: `"${DKIM_VALUE}"`,
    });
    expect(sheet.verify.checks[1]!.expect).toBe('pm.mtasv.net.');
    expect(sheet.verify.weConfirm).toContain('when you tell Northwind Mailer the records are saved, Northwind Mailer checks them and confirms to Jordan Lee');
    // Behalf has no background watch: the sheet must not promise one.
    expect(JSON.stringify(sheet)).not.toMatch(/automatically/);
  });

  it('says what not to do: SPF, proxy, domain twice, quotes, second DMARC', () => {
    const dont = sheet.doNot.join('\n');
    expect(dont).toMatch(/no "include:spf\.mtasv\.net" is needed/);
    expect(dont).toMatch(/Don't proxy the CNAME: it must be "DNS only"/);
    expect(dont).toContain("Don't type the domain twice in the Name field: enter pm-bounces only");
    expect(dont).toContain('pm-bounces.acme.com.acme.com');
    expect(dont).toMatch(/Don't add quotes, spaces or line breaks to the DKIM value/);
    expect(dont).toMatch(/Don't add a second DMARC record/);
  });

  it('maps the last check to statuses with plain causes', () => {
    expect(sheet.records.map((r) => r.status.tone)).toEqual(['ok', 'failing', 'failing', 'unknown']);
    expect(sheet.records[1]!.status.detail).toMatch(/orange cloud/);
    expect(sheet.records[1]!.status.observed).toBe('104.21.3.4');
    expect(sheet.records[2]!.status.label).toBe('Not found');
    expect(sheet.records[3]!.status.label).toBe('Not checked yet');
  });

  it('explains how to undo: which records to delete', () => {
    expect(sheet.undo.items).toContain('Delete the TXT record 20240817055129pm._domainkey.acme.com (record 1).');
    expect(sheet.undo.items).toContain('Delete the CNAME record pm-bounces.acme.com (record 2).');
    expect(sheet.undo.intro).toMatch(/tell us before you remove anything/);
  });

  it('accepts relative hosts and trailing dots, and a sending domain below the zone', () => {
    const s = buildSheet(
      option1Input({
        tenant: { name: 'Acme', domain: 'mail.acme.co.uk', contactName: '' },
        records: { dkim: { host: 's1._domainkey', value: DKIM_VALUE }, returnPath: { host: 'PM-Bounces.mail.acme.co.uk.', target: 'pm.mtasv.net.' } },
        lastCheck: undefined,
      }),
    );
    expect(s.zone).toBe('acme.co.uk');
    expect(s.records.map((r) => [r.host, r.fqdn, r.value])).toEqual([
      ['s1._domainkey.mail', 's1._domainkey.mail.acme.co.uk', DKIM_VALUE],
      ['pm-bounces.mail', 'pm-bounces.mail.acme.co.uk', 'pm.mtasv.net'],
    ]);
    expect(s.notes[0]).toContain('part of the DNS zone acme.co.uk');
    expect(s.verify.weConfirm).toContain('confirms to you');
  });

  it('refuses input it cannot turn into a correct sheet', () => {
    expect(thrownCode(() => buildSheet(option1Input({ records: { returnPath: { host: 'pm-bounces', target: 'pm.mtasv.net' } } })))).toBe('sheet.missing-dkim');
    expect(thrownCode(() => buildSheet(option1Input({ records: { dkim: { host: 'x._domainkey.other.com', value: DKIM_VALUE } } })))).toBe(
      'sheet.record-outside-domain',
    );
    expect(thrownCode(() => buildSheet(option1Input({ records: { dkim: { host: 'x._domainkey', value: 'k=rsa;\np=abc' } } })))).toBe('sheet.bad-record-value');
    expect(thrownCode(() => buildSheet(option1Input({ tenant: { name: 'A', domain: 'not a domain', contactName: '' } })))).toBe('sheet.invalid-input');
    expect(thrownCode(() => buildSheet(option1Input({ vendorName: ' ' })))).toBe('sheet.invalid-input');
  });
});

describe('buildSheet, options 2 and 3', () => {
  it('option 2: no DNS changes, a confirmation email to click, and the DMARC caveat', () => {
    const s = buildSheet(optionInput(2));
    expect(s.records).toEqual([]);
    expect(s.intro.join(' ')).toMatch(/No DNS changes are needed/);
    expect(s.steps.map((x) => x.text).join(' ')).toMatch(/email from Postmark.*click the confirmation link/s);
    expect(s.notes.join(' ')).toMatch(/does not pass DMARC for acme\.com.*p=quarantine or p=reject/s);
    expect(s.verify.checks).toEqual([]);
  });

  it('option 2 warns harder when the domain already publishes p=reject', () => {
    const s = buildSheet(optionInput(2, { lastCheck: { dmarc: { status: 'ok', observed: 'v=DMARC1; p=reject; rua=mailto:x@acme.com' } } }));
    expect(s.notes[0]).toMatch(/^Important: acme\.com currently publishes DMARC p=reject/);
  });

  it('option 3: nothing to change, DMARC passes on the vendor domain', () => {
    const s = buildSheet(optionInput(3));
    expect(s.records).toEqual([]);
    expect(s.title).toBe('Email setup for Acme Corporation: nothing to change in DNS');
    expect(s.intro.join(' ')).toMatch(/No DNS changes are needed on acme\.com/);
    expect(s.notes.join(' ')).toMatch(/passes DMARC on Northwind Mailer's domain/);
  });
});

describe('status words from the DNS check', () => {
  it('shows unknown status words verbatim and passes sentence-like causes through', () => {
    const s = buildSheet(
      option1Input({
        lastCheck: {
          dkim: { status: 'propagating' },
          returnPath: { status: 'weird-state', cause: 'The resolver timed out twice.' },
          dmarc: { status: 'mismatch', cause: 'FQDN doubled', observed: 'v=DMARC1; p=reject' },
        },
      }),
    );
    expect(s.records[0]!.status).toEqual({ tone: 'pending', label: 'Not visible yet (waiting)' });
    expect(s.records[1]!.status).toEqual({ tone: 'unknown', label: 'weird-state', detail: 'The resolver timed out twice.' });
    expect(s.records[2]!.status.label).toBe('Found, but the value is different');
    expect(s.records[2]!.status.detail).toMatch(/panel added the domain again/);
    expect(s.records[2]!.status.observed).toBe('v=DMARC1; p=reject');
  });
});
