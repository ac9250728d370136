import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { tempDir } from '../../support/temp';

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('behalf CLI', () => {
  it('adds and lists tenants in the --home data directory, as text and JSON', async () => {
    const home = tempDir();
    expect((await cli(['tenants', 'add', '--name', 'Acme', '--domain', 'acme.com', '--option', '1', '--tag', 'vip', '--home', home])).code).toBe(0);
    const text = await cli(['--home', home, 'tenants', 'list']);
    expect(text.out).toMatch(/Acme\s+acme\.com\s+1\s+draft\s+vip/);
    const json = JSON.parse((await cli(['tenants', 'list', '--json', '--home', home])).out);
    expect(json).toMatchObject({ total: 1, rows: [{ name: 'Acme', option: 1, tags: ['vip'] }] });
    expect(fs.existsSync(path.join(home, 'ledger.sqlite'))).toBe(true);
  });

  it('BEHALF_HOME selects the data directory when --home is absent', async () => {
    const home = tempDir();
    await cli(['tenants', 'add', '--name', 'Env', '--domain', 'env.com'], { BEHALF_HOME: home });
    expect(JSON.parse((await cli(['tenants', 'list', '--json', '--home', home])).out).total).toBe(1);
  });

  it('imports a CSV all-or-nothing with per-line errors and exit 1', async () => {
    const home = tempDir();
    const file = path.join(home, 't.csv');
    fs.writeFileSync(file, 'name,domain\nGood,good.com\nBad,bad..com\n');
    const r = await cli(['tenants', 'import', file, '--home', home]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Nothing imported: 1 problem.*\n.*line 3 \(domain\)/);
    fs.writeFileSync(file, 'name,domain\nGood,good.com\nAlso,also.com\n');
    const ok = await cli(['tenants', 'import', file, '--json', '--home', home]);
    expect(JSON.parse(ok.out)).toMatchObject({
      rows: 2,
      imported: 2,
      errors: [],
      dryRun: false,
      notes: [],
      detected: { encoding: 'UTF-8', delimiter: 'comma', header: true },
    });
  });

  it('exits 2 with a sentence on usage errors', async () => {
    const home = tempDir();
    expect((await cli(['frobnicate', '--home', home])).code).toBe(2);
    const missing = await cli(['tenants', 'add', '--name', 'X', '--home', home]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--name and --domain are required/);
    expect((await cli(['tenants', 'list', '--bogus', '--home', home])).code).toBe(2);
    const invalid = await cli(['tenants', 'add', '--name', 'X', '--domain', 'nope', '--json', '--home', home]);
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.out)).toMatchObject({ error: { code: 'input.invalid' } });
  });

  it('refuses a ledger from a newer Behalf with the fix in the hint', async () => {
    const home = tempDir();
    await cli(['tenants', 'list', '--home', home]);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(home, 'ledger.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const r = await cli(['tenants', 'list', '--home', home]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/newer Behalf[\s\S]*hint: Update Behalf/);
  });
});
