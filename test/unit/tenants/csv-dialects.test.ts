import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli';
import { tempDir, tempServices } from '../../support/temp';

/**
 * Issue #22 item 2: spreadsheets from any locale. Every fixture is written here, byte by byte, the way the
 * exporting program writes it (nothing copied from elsewhere), then imported through the service and the CLI.
 */
const ROWS = [
  ['Name', 'Domain', 'Contact email'],
  ['Bücher GmbH', 'bücher.de', 'it@müller-söhne.de'],
  ['Société Générale', 'societe.fr', 'jean@societe.fr'],
];
const join = (sep: string, eol = '\r\n') => ROWS.map((r) => r.join(sep)).join(eol) + eol;
const utf16le = (text: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.swap16())]);
};
/** Windows-1252 for the Latin-1 range this fixture uses (ü é): one byte per character. */
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

const FIXTURES: { label: string; bytes: Buffer; encoding: RegExp; delimiter: string; note?: RegExp }[] = [
  { label: 'UTF-8, comma, CRLF (plain CSV)', bytes: Buffer.from(join(',')), encoding: /^UTF-8$/, delimiter: 'comma' },
  { label: 'UTF-8 with BOM, semicolon (Excel "CSV UTF-8", German locale)', bytes: Buffer.from('\uFEFF' + join(';')), encoding: /BOM/, delimiter: 'semicolon' },
  { label: 'UTF-16 LE with BOM, tab (Excel "Unicode text")', bytes: utf16le(join('\t')), encoding: /UTF-16 LE/, delimiter: 'tab' },
  { label: 'UTF-16 LE with BOM, semicolon', bytes: utf16le(join(';')), encoding: /UTF-16 LE/, delimiter: 'semicolon' },
  { label: 'UTF-16 BE with BOM, comma', bytes: utf16be(join(',')), encoding: /UTF-16 BE/, delimiter: 'comma' },
  { label: 'UTF-16 LE without BOM, tab', bytes: utf16le(join('\t'), false), encoding: /UTF-16 LE/, delimiter: 'tab' },
  {
    label: 'Windows-1252, semicolon, LF (Excel "CSV", French locale)',
    bytes: cp1252(join(';', '\n')),
    encoding: /Windows-1252/,
    delimiter: 'semicolon',
    note: /read as Windows-1252/,
  },
];

describe('tenant CSV dialects and encodings', () => {
  for (const f of FIXTURES) {
    it(`${f.label}: detected, previewed, imported with the A-label`, () => {
      const s = tempServices();
      const check = s.tenants.importCsv(f.bytes, true, { fileName: 'export.csv' });
      expect(check.errors).toEqual([]);
      expect(check.detected?.encoding).toMatch(f.encoding);
      expect(check.detected).toMatchObject({ delimiter: f.delimiter, header: true });
      expect(check.preview).toEqual([
        { line: 2, name: 'Bücher GmbH', domain: 'xn--bcher-kva.de', unicode: 'bücher.de', contactEmail: 'it@xn--mller-shne-kcb9d.de' },
        { line: 3, name: 'Société Générale', domain: 'societe.fr', unicode: 'societe.fr', contactEmail: 'jean@societe.fr' },
      ]);
      if (f.note) expect(check.notes[0]?.message).toMatch(f.note);
      else expect(check.notes).toEqual([]);
      expect(s.tenants.count()).toBe(0);
      expect(s.tenants.importCsv(f.bytes, false).imported).toBe(2);
      expect(s.tenants.find('xn--bcher-kva.de').name).toBe('Bücher GmbH');
      s.close();
    });
  }

  it('a quoted line break (Alt+Enter in Excel) is folded to a space in a name, with a note; notes keep theirs', () => {
    const s = tempServices();
    const r = s.tenants.importCsv(Buffer.from('name;domain;notes\r\n"Acme\r\nEurope";acme.eu;"line one\nline two"\r\n'), false);
    expect(r).toMatchObject({ imported: 1, errors: [] });
    expect(r.notes).toEqual([{ row: 2, field: 'name', message: expect.stringMatching(/line break.*"Acme Europe"/) }]);
    expect(s.tenants.find('acme.eu')).toMatchObject({ name: 'Acme Europe', notes: 'line one\nline two' });
    s.close();
  });

  it('an .xlsx workbook is refused with "save as CSV"; nothing written', () => {
    const s = tempServices();
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);
    expect(() => s.tenants.importCsv(zip, false, { fileName: 'customers.xlsx' })).toThrow(/workbook/);
    try {
      s.tenants.importCsv(zip, false);
    } catch (err) {
      expect(err).toMatchObject({ code: 'csv.workbook', hint: expect.stringMatching(/CSV UTF-8/) });
    }
    expect(s.tenants.count()).toBe(0);
    s.close();
  });

  it('a semicolon header read as one column would have said so: the detected separator is used instead', () => {
    const s = tempServices();
    const r = s.tenants.importCsv('name;domain\nA;a.com\n', true);
    expect(r).toMatchObject({ errors: [], detected: { delimiter: 'semicolon' } });
    s.close();
  });
});

describe('behalf tenants import: what was detected, and consent before a guess is written', () => {
  it('a UTF-16 semicolon file: the dry run shows the encoding, the separator and the rows in Unicode with their A-label', async () => {
    const home = tempDir();
    const file = path.join(home, 'unicode.txt');
    fs.writeFileSync(file, utf16le(join(';')));
    const dry = await cli(['tenants', 'import', file, '--dry-run', '--home', home]);
    expect(dry.code).toBe(0);
    expect(dry.err).toMatch(/as UTF-16 LE \(Excel "Unicode text"\), semicolon-separated/);
    expect(dry.out).toMatch(/2\s+Bücher GmbH\s+bücher\.de\s+xn--bcher-kva\.de/);
    expect(dry.out).toMatch(/2 row\(s\) valid; nothing written/);
    expect((await cli(['tenants', 'import', file, '--home', home])).code).toBe(0);
    expect(JSON.parse((await cli(['tenants', 'list', '--search', 'bücher', '--json', '--home', home])).out).total).toBe(1);
  });

  it('a Windows-1252 file is refused (exit 2) until --as-is, and then stored as previewed', async () => {
    const home = tempDir();
    const file = path.join(home, 'latin.csv');
    fs.writeFileSync(file, cp1252(join(';')));
    const refused = await cli(['tenants', 'import', file, '--home', home]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/read as Windows-1252[\s\S]*--as-is/);
    expect(JSON.parse((await cli(['tenants', 'list', '--json', '--home', home])).out).total).toBe(0);
    expect((await cli(['tenants', 'import', file, '--as-is', '--home', home])).code).toBe(0);
    expect(JSON.parse((await cli(['tenants', 'list', '--search', 'société', '--json', '--home', home])).out).rows[0].name).toBe('Société Générale');
  });

  it('seed inboxes: a UTF-16 tab-separated export imports, and says what it read', async () => {
    const home = tempDir();
    const file = path.join(home, 'seeds.txt');
    fs.writeFileSync(file, utf16le('address\tprovider\r\nseed1@gmail.com\tGmail\r\nseed2@xn--bcher-kva.de\tBücher\r\n'));
    const r = await cli(['seeds', 'import', file, '--home', home]);
    expect(r.err).toMatch(/UTF-16 LE.*tab-separated/);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/Added 2/);
  });
});
