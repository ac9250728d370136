import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { parseZoneFragment } from '../../../src-main/sheets/zone-parse';
import { addAwaitingTenant, SAMPLE_DKIM_VALUE } from '../../support/sheet-ledger';
import { tempServices } from '../../support/temp';

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A ledger on disk with one option-1 tenant whose Postmark domain row is in place. */
function ledger() {
  const s = tempServices();
  s.settings.update({ vendorName: 'Northwind Mailer' });
  const t = addAwaitingTenant(s, 'Acme Corporation', 'acme.com', 4242);
  addAwaitingTenant(s, 'Unprovisioned', 'bare.com', 1, false);
  const home = s.home;
  s.close();
  return { home, tenantId: t.id };
}

const DKIM_HOST = '20240817055129pm._domainkey.acme.com';

describe('behalf sheet', () => {
  it('writes a PDF whose text carries every host and value exactly (A4 and Letter)', async () => {
    const { home } = ledger();
    for (const paper of ['a4', 'letter'] as const) {
      const out = path.join(home, `acme-${paper}.pdf`);
      const r = await cli(['sheet', '--home', home, '--tenant', 'acme.com', '--format', 'pdf', '--provider', 'godaddy', '--paper', paper, '--out', out]);
      expect(r, r.err).toMatchObject({ code: 0 });
      expect(r.out).toMatch(/Wrote .*acme-.*\.pdf \(pdf, GoDaddy, 2 record\(s\)/);
      const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
      for (const literal of [
        DKIM_HOST,
        '20240817055129pm._domainkey',
        SAMPLE_DKIM_VALUE,
        'pm-bounces.acme.com',
        'pm-bounces',
        'pm.mtasv.net',
        'Northwind Mailer',
      ]) {
        expect(text, literal).toContain(literal);
      }
      expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(paper === 'a4' ? /\(A4\)/ : /\(letter\)/);
    }
  });

  it('writes a zone fragment that parses back to the Postmark records, and reports JSON', async () => {
    const { home, tenantId } = ledger();
    const out = path.join(home, 'acme.zone');
    const r = await cli(['sheet', '--home', home, '--tenant', tenantId, '--format', 'zone', '--provider', 'generic', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ file: out, format: 'zone', provider: 'generic', records: 2, tenant: 'Acme Corporation' });
    const records = parseZoneFragment(fs.readFileSync(out, 'utf8'));
    expect(records.map((x) => [x.name, x.type, x.value])).toEqual([
      [DKIM_HOST, 'TXT', SAMPLE_DKIM_VALUE],
      ['pm-bounces.acme.com', 'CNAME', 'pm.mtasv.net'],
    ]);
  });

  it('exits 2 on usage errors and 3 with the Postmark hint when the domain is not provisioned', async () => {
    const { home } = ledger();
    const out = path.join(home, 'x.pdf');
    const base = ['sheet', '--home', home, '--tenant', 'acme.com', '--out', out];
    expect((await cli([...base])).code).toBe(2);
    expect((await cli([...base, '--format', 'docx'])).err).toMatch(/unknown format "docx"/);
    expect((await cli([...base, '--format', 'pdf', '--provider', 'bind9'])).code).toBe(2);
    expect((await cli([...base, '--format', 'md', '--paper', 'a4'])).code).toBe(2);
    expect((await cli([...base, '--format', 'pdf', '--paper', 'a3'])).code).toBe(2);
    expect((await cli([...base, '--format', 'pdf', '--bogus'])).code).toBe(2);
    expect((await cli(['sheet', '--home', home, '--tenant', 'acme.com', '--format', 'md', '--out', '/no/such/dir/x.md'])).code).toBe(2);
    const bare = await cli(['sheet', '--home', home, '--tenant', 'bare.com', '--format', 'md', '--provider', 'generic', '--out', out]);
    expect(bare.code).toBe(3);
    expect(bare.err).toMatch(/not provisioned in Postmark[\s\S]*hint: .*DKIM key comes from Postmark/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
