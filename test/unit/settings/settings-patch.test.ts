import { describe, expect, it } from 'vitest';
import { tempServices } from '../../support/temp';

describe('settings.update', () => {
  it('changes only the fields sent: other settings keep their values (zod partial() fills defaults)', () => {
    const s = tempServices();
    s.settings.update({ vendorName: 'Northwind', dmarcReportMailbox: 'dmarc@vendor.test', sheetsServerId: 42, sheetsFromAddress: 'dns@vendor.test' });
    s.settings.update({ vendorName: 'Northwind Mailer' });
    s.settings.update({ sheetsServerId: 43 });
    expect(s.settings.get()).toMatchObject({
      vendorName: 'Northwind Mailer',
      dmarcReportMailbox: 'dmarc@vendor.test',
      sheetsServerId: 43,
      sheetsFromAddress: 'dns@vendor.test',
    });
    // And after a restart (read back from the ledger, not the cache).
    const again = tempServices({ home: s.home });
    expect(again.settings.get()).toMatchObject({ vendorName: 'Northwind Mailer', sheetsServerId: 43, sheetsFromAddress: 'dns@vendor.test' });
    s.close();
    again.close();
  });

  it('refuses a malformed sheets From address and a non-positive server ID', () => {
    const s = tempServices();
    expect(() => s.settings.update({ sheetsFromAddress: 'nope' })).toThrow(/address/);
    expect(() => s.settings.update({ sheetsServerId: 0 })).toThrow(/positive/);
    s.settings.update({ sheetsServerId: null, sheetsFromAddress: '' });
    expect(s.settings.get()).toMatchObject({ sheetsServerId: null, sheetsFromAddress: '' });
    s.close();
  });
});

describe('settings seen across processes', () => {
  it('a console sees a setting another connection (the CLI) saved, without a restart', () => {
    const app = tempServices();
    expect(app.settings.get().vendorName).toBe('Vendor');
    const cli = tempServices({ home: app.home });
    cli.settings.update({ vendorName: 'Northwind Mailer' });
    expect(app.settings.get().vendorName).toBe('Northwind Mailer');
    app.settings.update({ returnPathLabel: 'nw-bounces' });
    expect(cli.settings.get()).toMatchObject({ vendorName: 'Northwind Mailer', returnPathLabel: 'nw-bounces' });
    cli.close();
    app.close();
  });
});
