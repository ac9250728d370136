import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import { tempDir } from '../../support/temp';
import { zipArchive } from '../../support/dmarc/archives';
import { gzip, reportXml, type RowSpec } from '../../support/dmarc/report-builder';

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PM = '198.51.100.10';
const BAD = '203.0.113.5';
const row = (ip: string, count: number, dkim: 'pass' | 'fail', spf: 'pass' | 'fail'): RowSpec => ({ ip, count, dkim, spf });

/** A folder holding: a plain xml, a gz in a subfolder, a zip, a broken file and an unrelated file (ignored). */
function reportsFolder(): string {
  const dir = tempDir('behalf-dmarc-cli-');
  fs.writeFileSync(
    path.join(dir, 'a.xml'),
    reportXml({ reportId: 'A', domain: 'acme.example', begin: '2025-03-01', rows: [row(PM, 120, 'pass', 'pass'), row(BAD, 10, 'fail', 'fail')] }),
  );
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.writeFileSync(
    path.join(dir, 'nested', 'b.xml.gz'),
    gzip(
      reportXml({
        org: 'yahoo.com',
        reportId: 'B',
        domain: 'acme.example',
        begin: '2025-03-02',
        schema: 'rfc9990',
        rows: [row(PM, 10, 'pass', 'fail'), row(BAD, 5, 'fail', 'pass')],
      }),
    ),
  );
  fs.writeFileSync(
    path.join(dir, 'c.zip'),
    zipArchive([
      {
        name: 'c.xml',
        data: reportXml({ org: 'outlook.com', reportId: 'C', domain: 'acme.example', begin: '2025-03-03', rows: [row(PM, 5, 'fail', 'fail')] }),
      },
    ]),
  );
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a report');
  return dir;
}

describe('behalf dmarc', () => {
  it('imports xml, gz and zip from a folder tree with the exact JSON shape; duplicates on re-import; exit 1 on a bad file', async () => {
    const home = tempDir();
    const dir = reportsFolder();
    const first = await cli(['dmarc', 'import', dir, '--json', '--home', home]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ files: 3, imported: 3, duplicates: 0, records: 5, messages: 150, failures: 0, errors: [], repaired: [] });

    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(broken, '<feedback><report_metadata></feedback>');
    const again = await cli(['dmarc', 'import', dir, path.join(dir, 'missing.xml'), '--json', '--home', home]);
    expect(again.code).toBe(1);
    const r = JSON.parse(again.out) as { errors: Array<Record<string, string>> };
    expect(r).toMatchObject({ files: 5, imported: 0, duplicates: 3, records: 0, messages: 0 });
    expect(r.errors.map((e) => [path.basename(e.file!), e.code])).toEqual([
      ['broken.xml', 'dmarc.malformed-xml'],
      ['missing.xml', 'dmarc.file-not-found'],
    ]);
    expect(Object.keys(r.errors[0]!).sort()).toEqual(['code', 'file', 'message']);

    const text = await cli(['dmarc', 'import', broken, '--home', home]);
    expect(text.code).toBe(1);
    expect(text.err).toMatch(/broken\.xml: .*\[dmarc\.malformed-xml\]\n {2}hint: /);
  });

  it('lists sources offline with message counts, Postmark tagged from the PTR cache', async () => {
    const home = tempDir();
    await cli(['dmarc', 'import', reportsFolder(), '--home', home]);
    const db = new Database(path.join(home, 'ledger.sqlite'));
    db.prepare('INSERT INTO ptr_cache (ip, ptr, resolved_at) VALUES (?, ?, ?)').run(PM, 'mta10.mtasv.net', new Date().toISOString());
    db.close();
    const r = await cli(['dmarc', 'sources', '--domain', 'ACME.example', '--offline', '--json', '--home', home]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      domain: 'acme.example',
      messages: 150,
      passing: 135,
      failing: 15,
      legitimate: [],
      sources: [
        { ip: PM, ptr: 'mta10.mtasv.net', count: 135, spfAligned: 120, dkimAligned: 130, dmarcPass: 130, postmark: true },
        { ip: BAD, ptr: null, count: 15, spfAligned: 5, dkimAligned: 0, dmarcPass: 5, postmark: false },
      ],
    });
    const period = JSON.parse(
      (await cli(['dmarc', 'sources', '--domain', 'acme.example', '--from', '2025-03-02', '--to', '2025-03-02', '--offline', '--json', '--home', home])).out,
    );
    expect(period).toMatchObject({ messages: 15, passing: 15, failing: 0 });
    const table = await cli(['dmarc', 'sources', '--domain', 'acme.example', '--offline', '--home', home]);
    expect(table.out).toMatch(/203\.0\.113\.5\s+-\s+15\s+33%\s+0%\s+33%\s+unknown-failing\s+acme\.example=fail acme\.example=pass/);
    // --json carries each source's SPF and DKIM domains and results (the PM rows: 120 spf pass + 15 fail; 130 dkim pass, selector pm)
    expect(JSON.parse(r.out).sources[0]).toMatchObject({
      postmarkBy: 'ptr',
      legitimate: null,
      spf: [
        { domain: 'acme.example', result: 'pass', count: 120 },
        { domain: 'acme.example', result: 'fail', count: 15 },
      ],
      dkim: [{ domain: 'acme.example', selector: 'pm', result: 'pass', count: 130 }],
    });
  });

  it('says what p=reject would have done', async () => {
    const home = tempDir();
    await cli(['dmarc', 'import', reportsFolder(), '--home', home]);
    const r = await cli(['dmarc', 'readiness', '--domain', 'acme.example', '--offline', '--json', '--home', home]);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ messages: 150, wouldReject: 15, failingSources: 2 });
    expect(json.summary).toBe('Had p=reject applied to acme.example, 15 messages from 2 sources would have been rejected (of 150 messages reported).');
    expect(json.sources.map((s: { ip: string; failing: number }) => [s.ip, s.failing])).toEqual([
      [BAD, 10],
      [PM, 5],
    ]);
  });

  it('marks a sender legitimate and says the next step', async () => {
    const home = tempDir();
    await cli(['dmarc', 'import', reportsFolder(), '--home', home]);
    const r = await cli(['dmarc', 'legitimate', '--domain', 'ACME.example', '--sender', 'Mail.NewsTool.example', '--json', '--home', home]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ domain: 'acme.example', legitimate: ['mail.newstool.example'] });
    expect((await cli(['dmarc', 'legitimate', '--domain', 'acme.example', '--sender', 'mail.newstool.example', '--remove', '--home', home])).out).toBe(
      'acme.example: legitimate senders (none)',
    );
    expect((await cli(['dmarc', 'legitimate', '--domain', 'acme.example', '--home', home])).code).toBe(2);
    // offline, no PTR cached: BAD fails 10 and PM 5 of 150, both unknown → 15 = 10%
    const text = await cli(['dmarc', 'readiness', '--domain', 'acme.example', '--offline', '--home', home]);
    expect(text.out.split('\n')[0]).toBe(
      'unknown senders fail. Next step: not yet: 2 unknown senders fail, 10% of mail; mark the ones you know as legitimate senders, or fix them.',
    );
  });

  it('builds a record with the authorisation record for a foreign rua, and refuses bad usage with exit 2', async () => {
    const home = tempDir();
    const r = await cli([
      'dmarc',
      'record',
      '--domain',
      'acme.example',
      '--p',
      'quarantine',
      '--rua',
      'mailto:dmarc@reports.vendor.example',
      '--rua',
      'mailto:d@acme.example',
      '--t',
      '--offline',
      '--json',
      '--home',
      home,
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.value).toBe('v=DMARC1; p=quarantine; t=y; rua=mailto:dmarc@reports.vendor.example,mailto:d@acme.example');
    expect(json.authorizations).toEqual([
      { name: 'acme.example._report._dmarc.reports.vendor.example', value: 'v=DMARC1', strings: ['v=DMARC1'], reportDomain: 'reports.vendor.example' },
    ]);
    expect(json.published).toMatchObject({ record: null, from: 'none' });
    expect(json.diff.changes[0]).toEqual({ tag: 'v', kind: 'added', to: 'DMARC1' });
    expect((await cli(['dmarc', 'record', '--domain', 'acme.example', '--p', 'block', '--home', home])).code).toBe(2);
    expect((await cli(['dmarc', 'sources', '--json', '--home', home])).code).toBe(2);
    expect((await cli(['dmarc', 'sources', '--domain', 'a.example', '--from', '1 March', '--home', home])).code).toBe(2);
    expect((await cli(['dmarc', 'import', '--home', home])).code).toBe(2);
    const bad = await cli(['dmarc', 'record', '--domain', 'acme.example', '--p', 'none', '--rua', 'dmarc@x.example', '--offline', '--json', '--home', home]);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.out).error.code).toBe('dmarc.record.invalid-input');
  });
});
