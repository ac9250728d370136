import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { processIo } from '../../../src-main/cli/output';
import { startNsd, type NsdServer } from '../../support/nsd';
import { MAIN_ZONES } from '../../support/nsd/zoneFixtures';
import { addAwaitingTenant } from '../../support/sheet-ledger';
import { tempDir, tempServices } from '../../support/temp';
import { dumpLedgerFile } from '../../hardening/ledger-dump';
import { HOSTILE_DOMAINS, HOSTILE_EMAILS, HOSTILE_NAMES, NON_UTF8, REFUSED } from '../../hardening/hostile-values';

/**
 * Issue #10 item 1, the CLI door: runCli in-process with hostile argv for tenants add/import, check, sheet
 * and dmarc. Exit codes stay within the documented 0/1/2/3, a non-zero exit explains itself on stderr, nothing
 * throws out of runCli, and a refused command (2 or 3) leaves the ledger file as it was.
 */
describe('hostile inputs at the CLI door', () => {
  let nsd: NsdServer;
  let home = '';
  let ledger = '';
  let env: Record<string, string> = {};
  let cases = 0;
  const work = tempDir('behalf-hostile-cli-');

  beforeAll(async () => {
    nsd = await startNsd({ zones: MAIN_ZONES });
    env = { BEHALF_DNS_SERVERS: nsd.server, BEHALF_DNS_AUTHORITATIVE_PORT: String(nsd.port), POSTMARK_ACCOUNT_TOKEN: '' };
    home = tempDir();
    ledger = path.join(home, 'ledger.sqlite');
    // A tenant with a Postmark domain, so `sheet` really renders and writes (the --out cases reach the disk).
    const seed = tempServices({ home });
    addAwaitingTenant(seed, 'Existing', 'existing.com', 4242);
    seed.close();
    expect((await cli(['sheet', '--tenant', 'existing.com', '--format', 'md', '--out', path.join(work, 'ok.md')])).code).toBe(0);
  });
  afterAll(async () => {
    console.log(`hostile inputs: ${cases} cases at the CLI door`);
    await nsd?.stop();
  });

  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--home', home], { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  /** One hostile command: documented exit code, a sentence on stderr when not 0, ledger unchanged when refused. */
  async function hostile(args: string[], label: string, allowed: number[] = [0, 1, 2, 3]) {
    cases++;
    const before = await dumpLedgerFile(ledger);
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli(args);
    } catch (err) {
      throw new Error(`runCli threw for ${label}: ${String(err)}`);
    }
    expect(allowed, `${label}: exit ${r.code}\n${r.err}`).toContain(r.code);
    if (r.code !== 0) expect(r.err.trim() || r.out.trim(), `${label}: exit ${r.code} with nothing said`).toMatch(/\w{3,}.*\w{3,}/s);
    if (r.code >= 2) expect(await dumpLedgerFile(ledger), `${label}: refused but the ledger changed`).toBe(before);
    expect(r.err, label).not.toMatch(/\n\s+at .+:\d+:\d+\)?/); // no stack traces for people
    return r;
  }

  let n = 0;
  let outcomes = 0;
  /**
   * The decided outcome at the CLI: accepted → exit 0 and exactly this stored value; refused → exit 2 with
   * `input.invalid`. Several spellings normalise to one domain, and a domain already taken is exit 3
   * (`tenant.domain-taken`), which is right for an accepted spelling.
   */
  function expectAdd(r: { code: number; out: string }, value: string, expected: string | typeof REFUSED, field: string, label: string) {
    outcomes++;
    const body = JSON.parse(r.out) as Record<string, unknown> & { error?: { code: string } };
    if (expected === REFUSED) {
      // An empty value, or one that starts with "-" (taken for an option), is a usage error: also exit 2.
      expect([r.code, body.error?.code], label).toEqual([2, value === '' || value.startsWith('-') ? 'usage' : 'input.invalid']);
    } else if (r.code === 3 && body.error?.code === 'tenant.domain-taken') {
      expect(field, label).toBe('domain');
    } else {
      expect(r.code, `${label}: ${r.out}`).toBe(0);
      expect(body[field], label).toBe(expected);
    }
  }

  it('tenants add: domains, emails, names', async () => {
    for (const { label, value, expect: expected } of HOSTILE_DOMAINS) {
      const r = await hostile(
        ['tenants', 'add', '--name', `D${++n}`, '--domain', value, '--json'],
        `add --domain ${label}`,
        expected === REFUSED ? [2] : [0, 3],
      );
      expectAdd(r, value, expected, 'domain', `add --domain ${label}`);
    }
    for (const { label, value, expect: expected } of HOSTILE_EMAILS) {
      const r = await hostile(
        ['tenants', 'add', '--name', `E${++n}`, '--domain', `e${n}.com`, '--contact-email', value, '--json'],
        `add --contact-email ${label}`,
        expected === REFUSED ? [2] : [0],
      );
      expectAdd(r, value, expected, 'contactEmail', `add --contact-email ${label}`);
    }
    for (const { label, value, expect: expected } of HOSTILE_NAMES) {
      const r = await hostile(
        ['tenants', 'add', '--name', value, '--domain', `n${++n}.com`, '--from-name', value, '--json'],
        `add --name ${label}`,
        expected === REFUSED ? [2] : [0],
      );
      expectAdd(r, value, expected, 'name', `add --name ${label}`);
      if (r.code === 0) expect(JSON.parse(r.out).fromName, label).toBe(expected);
    }
    expect(outcomes).toBe(HOSTILE_DOMAINS.length + HOSTILE_EMAILS.length + HOSTILE_NAMES.length);
  }, 120_000);

  it('check --domain (answered by a local nsd): a refused domain is exit 2, an accepted one is checked (0 or 1)', async () => {
    for (const { label, value, expect: expected } of HOSTILE_DOMAINS) {
      const r = await hostile(
        ['check', '--domain', value, '--dns-server', nsd.server, '--json'],
        `check --domain ${label}`,
        expected === REFUSED ? [2] : [0, 1],
      );
      outcomes++;
      if (expected !== REFUSED) expect(JSON.parse(r.out).domain ?? JSON.parse(r.out).results?.[0]?.domain, label).toBe(expected);
    }
    for (const server of ['', 'x', '127.0.0.1:99999', '127.0.0.1:65536', '[::1]:0', '::1::53', 'evil.example:53; rm -rf /', '127.0.0.1:0'])
      await hostile(['check', '--domain', 'existing.com', '--dns-server', server], `check --dns-server "${server}"`, [2]);
  }, 120_000);

  it('sheet: hostile tenant refs, formats and output paths', async () => {
    for (const { label, value } of HOSTILE_NAMES)
      await hostile(['sheet', '--tenant', value, '--format', 'md', '--out', path.join(work, 'x.md')], `sheet --tenant ${label}`, [2, 3]);
    for (const format of ['PDF', 'exe', '../pdf', '', 'pdf\u0000'])
      await hostile(['sheet', '--tenant', 'existing.com', '--format', format, '--out', path.join(work, 'y')], `sheet --format ${format}`, [2]);
    const dirAsOut = path.join(work, 'a-folder');
    fs.mkdirSync(dirAsOut);
    for (const out of [dirAsOut, path.join(work, 'missing-folder', 'x.md'), '', path.join(work, 'nul\u0000.md')]) {
      await hostile(['sheet', '--tenant', 'existing.com', '--format', 'md', '--out', out], `sheet --out ${JSON.stringify(out)}`, [2, 3]);
    }
    // A refused write leaves nothing behind (no half-written temp file beside the target).
    expect(fs.readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('dmarc: hostile paths, domains and dates', async () => {
    const empty = path.join(work, 'empty-folder');
    fs.mkdirSync(empty);
    const loop = path.join(work, 'loop.xml');
    fs.symlinkSync(loop, loop);
    for (const p of ['/nonexistent/report.xml', empty, loop, 'a\u0000b.xml', path.join(work, '..', '..', 'etc', 'passwd'), '-', '']) {
      await hostile(['dmarc', 'import', p], `dmarc import ${JSON.stringify(p)}`, [1, 2]);
    }
    for (const { label, value, expect: expected } of HOSTILE_DOMAINS) {
      await hostile(['dmarc', 'record', '--domain', value, '--p', 'reject', '--offline'], `dmarc record --domain ${label}`, expected === REFUSED ? [2] : [0]);
      await hostile(['dmarc', 'sources', '--domain', value, '--offline'], `dmarc sources --domain ${label}`, expected === REFUSED ? [2] : [0]);
    }
    for (const d of ['2025-13-45', '2025-02-30', '99999-01-01', "2025-01-01'; DROP TABLE dmarc_rows;--", '']) {
      await hostile(['dmarc', 'readiness', '--domain', 'existing.com', '--from', d, '--offline'], `dmarc --from ${d}`, [0, 2, 3]);
    }
    for (const p of ['none; rua=mailto:x@evil.example', 'REJECT', ''])
      await hostile(['dmarc', 'record', '--domain', 'existing.com', '--p', p, '--offline'], `dmarc record --p ${p}`, [2]);
  }, 120_000);

  it('tenants import: missing, a folder, non-UTF-8, hostile argv', async () => {
    const csvDir = path.join(work, 'csv-folder');
    fs.mkdirSync(csvDir);
    await hostile(['tenants', 'import', '/nonexistent.csv'], 'import missing', [2]);
    await hostile(['tenants', 'import', csvDir], 'import a folder', [2, 3]);
    for (const { label, bytes } of NON_UTF8) {
      const f = path.join(work, `bad-${label.replace(/\W+/g, '-')}.csv`);
      fs.writeFileSync(f, Buffer.concat([Buffer.from('name,domain\nAcme '), bytes, Buffer.from(',nonutf.com\n')]));
      const r = await hostile(['tenants', 'import', f], `import non-UTF-8 ${label}`, [1, 2, 3]);
      expect(r.err, label).toMatch(/UTF-8/);
    }
    const argvs = [
      ['tenants'],
      ['tenants', 'nope'],
      ['tenants', 'add'],
      ['tenants', 'add', '--name'],
      ['tenants', 'add', '--bogus', 'x'],
      ['tenants', 'add', '--name', 'A', '--domain', 'a.com', '--option', '7'],
      ['tenants', 'add', '--name', 'A', '--domain', 'a.com', '--tag', 'bad tag!'],
      ['tenants', 'list', '--limit', 'NaN'],
      ['tenants', 'list', '--limit', '-1'],
      ['tenants', 'list', '--limit', '1e400'],
      ['--', 'tenants'],
      ['\u0000'],
      ['x'.repeat(10_000)],
      ['check'],
      ['check', '--domain'],
      ['check', '--all', '--domain', 'a.com'],
      ['sheet'],
      ['dmarc'],
      ['dmarc', 'record'],
    ];
    for (const argv of argvs) await hostile(argv, `argv ${JSON.stringify(argv).slice(0, 60)}`, [1, 2, 3]);
  });

  it('stderr shows escape sequences and bidi controls from a customer file as text, never obeys them', async () => {
    const f = path.join(work, 'escapes.csv');
    fs.writeFileSync(f, 'name,domain,\u001B]0;pwned\u0007\u001B[2J\u202E\rX\nA,a-esc.com,x\n');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      cases++;
      expect(await runCli(['tenants', 'import', f, '--home', home], processIo, env)).toBe(1);
    } finally {
      spy.mockRestore();
    }
    const text = written.join('');
    expect(text).toMatch(/Unknown column/);
    expect(text).toContain('\\u001b]0;pwned\\u0007');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(text).not.toMatch(/[\u001B\u0007\u202E\r]/);
  });

  it('counts', () => expect(cases).toBeGreaterThanOrEqual(200));
});
