import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderSheet } from '../../../src-main/sheets/render';
import type { Paper, Sheet } from '../../../src-main/sheets/types';
import { option1Input, optionInput } from './fixtures';

/** Real poppler tools on real files: what a customer's viewer and copy/paste would see. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-sheet-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function pdfFile(sheet: Sheet, paper: Paper): Promise<string> {
  const file = path.join(dir, `sheet-${counter++}.pdf`);
  fs.writeFileSync(file, await renderSheet(sheet, 'pdf', { paper }));
  return file;
}

const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(pdfinfo(file))![1]);

/** Every literal a person must type, exactly, as text a viewer can copy. */
function literals(sheet: Sheet): string[] {
  return sheet.records.flatMap((r) => [r.enterHost, r.fqdn, r.host, r.value, r.enterValue]).filter((s) => s !== '');
}

// A 2048-bit key (~410 characters) is longer than one TXT string: the hardest value to carry intact.
const LONG_VALUE = 'k=rsa; p=' + 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9) + 'IDAQAB';

const variants: Array<[string, Sheet]> = [
  ['GoDaddy, four records', buildSheet(option1Input())],
  ['Route 53, quoted values', buildSheet(option1Input({ provider: 'route53' }))],
  ['Google Cloud DNS, FQDN with dot', buildSheet(option1Input({ provider: 'google-cloud-dns' }))],
  [
    'generic, 2048-bit key',
    buildSheet(
      option1Input({
        provider: 'generic',
        records: { dkim: { host: 'k2._domainkey.acme.com', value: LONG_VALUE }, returnPath: { host: 'pm-bounces.acme.com', target: 'pm.mtasv.net' } },
      }),
    ),
  ],
];

describe('PDF sheet', () => {
  for (const paper of ['a4', 'letter'] as const) {
    for (const [name, sheet] of variants) {
      it(`${paper}, ${name}: pdftotext yields every host and value exactly`, async () => {
        const file = await pdfFile(sheet, paper);
        for (const mode of [['-raw'], [], ['-layout']]) {
          const text = pdftotext(file, ...mode);
          for (const literal of literals(sheet)) expect(text, `${literal} in pdftotext ${mode.join(' ')}`).toContain(literal);
        }
        const n = pages(file);
        expect(n).toBeGreaterThanOrEqual(2);
        expect(n).toBeLessThanOrEqual(5);
        expect(pdfinfo(file)).toMatch(paper === 'a4' ? /Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/ : /Page size:\s+612 x 792 pts \(letter\)/);
      });
    }
  }

  it('draws the record diagram without cutting a long zone name or a CNAME target (issue #24)', async () => {
    const zone = 'nordlicht-reisen-und-kreuzfahrten.example';
    const sheet = buildSheet(
      option1Input({
        tenant: { name: 'Nordlicht Reisen', domain: zone, contactName: 'Ida' },
        records: {
          dkim: { host: `20240817055129pm._domainkey.${zone}`, value: LONG_VALUE },
          returnPath: { host: `pm-bounces.${zone}`, target: 'pm.mtasv.net' },
        },
      }),
    );
    const first = pdftotext(await pdfFile(sheet, 'a4'), '-f', '1', '-l', '1', '-raw');
    const diagram = first.slice(first.indexOf('Records to add'));
    expect(diagram).toContain(zone);
    expect(diagram).toContain('points to pm.mtasv.net');
    expect(diagram).not.toContain('…');
  });

  it('keeps reading order in -raw mode: header, records, steps, checks, undo', async () => {
    const file = await pdfFile(buildSheet(option1Input()), 'a4');
    const text = pdftotext(file, '-raw');
    const order = ['Northwind Mailer', 'Records to add', 'Record 1 · DKIM key', 'Steps', 'Check it', "Please don't", 'To undo'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('embeds DejaVu Sans and Sans Mono and carries the sheet date', async () => {
    const file = await pdfFile(buildSheet(option1Input()), 'a4');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s.*yes\s+yes\s+yes/);
    expect(fonts).toMatch(/DejaVuSansMono\s.*yes\s+yes\s+yes/);
    expect(fonts).not.toMatch(/Helvetica/);
    const info = pdfinfo(file);
    expect(info).toMatch(/CreationDate:\s+Sat Aug 17 05:51:29 2024 UTC/);
    expect(info).toMatch(/Title:\s+Email setup for Acme Corporation/);
  });

  it('is byte-for-byte reproducible', async () => {
    const sheet = buildSheet(option1Input());
    const a = await renderSheet(sheet, 'pdf', { paper: 'letter' });
    const b = await renderSheet(sheet, 'pdf', { paper: 'letter' });
    expect(a.equals(b)).toBe(true);
  });

  it('attaches the records as a zone file', async () => {
    const sheet = buildSheet(option1Input());
    const file = await pdfFile(sheet, 'a4');
    const list = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' });
    expect(list).toContain('acme.com-dns-records.txt');
  });

  it('renders options 2 and 3 on one page each, without records', async () => {
    for (const option of [2, 3] as const) {
      const sheet = buildSheet(optionInput(option));
      const file = await pdfFile(sheet, 'a4');
      expect(pages(file)).toBe(1);
      const text = pdftotext(file, '-raw');
      expect(text).toContain(sheet.title.slice(0, 40));
      expect(text).not.toContain('Records to add');
    }
  });

  it('prints tenant names in any script with the embedded font', async () => {
    const sheet = buildSheet(option1Input({ tenant: { name: 'Ørsted Ελληνικά Кириллица', domain: 'acme.com', contactName: 'Zoë' } }));
    const text = pdftotext(await pdfFile(sheet, 'a4'), '-raw');
    expect(text).toContain('Ørsted Ελληνικά Кириллица');
  });
});
