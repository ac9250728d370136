import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { importOne, twoRowSpec } from '../../support/dmarc/two-rows';
import { reportXml } from '../../support/dmarc/report-builder';

/*
 * One test per kind of trouble real receivers send (issue #14), each fixture written here from the RFCs and
 * from what mature parsers' bug reports show: the report imports with its true counts and a repair note
 * with a stable code, kept in the ledger. Broken structure, DTDs and entities stay refused.
 */
let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const spec = twoRowSpec;
const good = (id: string) => reportXml(spec(id));

const one = (name: string, data: string | Buffer) => importOne(t, name, data);
const stored = (reportId: string) =>
  t.db.prepare('SELECT org, repairs FROM dmarc_reports WHERE report_id = ?').get(reportId) as { org: string; repairs: string };

describe('import repairs — report metadata', () => {
  it('takes the reporter from <email> when <org_name> is empty, else "unknown reporter"', async () => {
    const r = await one('a.xml', good('o-1').replace('<org_name>google.com</org_name>', '<org_name></org_name>'));
    expect(r).toMatchObject({ imported: 1, records: 2, messages: 7, errors: [], codes: ['dmarc.repair.org-name-missing'] });
    expect(stored('o-1').org).toBe('google.com');
    expect(JSON.parse(stored('o-1').repairs)).toEqual([{ code: 'dmarc.repair.org-name-missing', message: expect.stringContaining('<email> (google.com)') }]);

    const none = reportXml(spec('o-2'))
      .replace(/<org_name>.*<\/org_name>/, '')
      .replace(/<email>.*<\/email>/, '<email/>');
    expect(await one('b.xml', none)).toMatchObject({ imported: 1, codes: ['dmarc.repair.org-name-missing'] });
    expect(stored('o-2').org).toBe('unknown reporter');
  });

  it('reads <feedback> inside another root (an <xs:schema>, namespaced or not, even left unclosed)', async () => {
    const inner = good('w-1').replace(/^<\?xml[^>]*>\n/, '');
    const wrapped = `<?xml version="1.0"?> <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://dmarc.org/dmarc-xml/0.1">\n${inner}`;
    expect(await one('ikea.xml', wrapped)).toMatchObject({ imported: 1, records: 2, messages: 7, codes: ['dmarc.repair.wrapped-root'] });
    const closed = `<reports xmlns="urn:example:wrapper"><meta/>${good('w-2').replace(/^<\?xml[^>]*>\n/, '')}<trailer/></reports>`;
    expect(await one('closed.xml', closed)).toMatchObject({ imported: 1, records: 2, codes: ['dmarc.repair.wrapped-root'] });
    // A wrapper with no <feedback> in it is still not a report.
    expect((await one('none.xml', '<xs:schema xmlns:xs="x"><other/></xs:schema>')).errors[0]?.code).toBe('dmarc.not-a-report');
  });
});

describe('import repairs — records', () => {
  it('reads result words in upper or mixed case as the lower-case tokens of RFC 7489 App. C, on both readers', async () => {
    const upper = good('c-1')
      .replace(/<disposition>none/g, '<disposition>None')
      .replace(/<dkim>pass<\/dkim>/, '<dkim>PASS</dkim>')
      .replace(/<result>fail<\/result>/g, '<result>Fail</result>');
    const r = await one('upper.xml', upper);
    expect(r).toMatchObject({ imported: 1, records: 2, messages: 7, codes: ['dmarc.repair.result-case'] });
    expect(r.repaired[0]?.message).toMatch(/first in record 1.*\(2 rows in all\)/);
    // A comment inside the record sends it to the saxes reader: same rule there.
    const viaSax = good('c-2')
      .replace('<count>5</count>', '<count>5</count><!-- x -->')
      .replace(/<spf>pass<\/spf>/, '<spf>Pass</spf>');
    expect(await one('sax.xml', viaSax)).toMatchObject({ imported: 1, codes: ['dmarc.repair.result-case'] });
    expect(
      count(
        t.db,
        `SELECT COUNT(*) FROM dmarc_rows WHERE disposition <> lower(disposition) OR dkim_evaluated <> lower(dkim_evaluated) OR spf_evaluated <> lower(spf_evaluated) OR dkim_results <> lower(dkim_results)`,
      ),
    ).toBe(0);
  });

  it('ignores an empty <reason> instead of storing an empty override reason', async () => {
    const xml = good('e-1').replace(
      /<\/spf>\n {6}<\/policy_evaluated>/,
      '</spf>\n        <reason><type></type><comment></comment></reason>\n      </policy_evaluated>',
    );
    expect(await one('reason.xml', xml)).toMatchObject({ imported: 1, records: 2, codes: ['dmarc.repair.reason-empty'] });
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE reasons <> ''`)).toBe(0);
  });

  it('reads the draft-era <identities> as <identifiers>', async () => {
    const xml = good('d-1').replace(/<(\/?)identifiers>/g, '<$1identities>');
    expect(await one('draft.xml', xml)).toMatchObject({ imported: 1, records: 2, codes: ['dmarc.repair.draft-element'] });
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE header_from = 'acme.example'`)).toBe(2);
  });
});

describe('import repairs — text', () => {
  it('decodes bytes that are not UTF-8 with replacement and says where the first one was', async () => {
    const xml = good('u-1').replace('<header_from>acme.example</header_from>', '<header_from>bad_byte\u0091</header_from>');
    const bytes = Buffer.from(xml.replace('\u0091', '@@'), 'utf8');
    const at = bytes.indexOf('@@');
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x91]), bytes.subarray(at + 2)]);
    const r = await one('utf8.xml', broken);
    expect(r).toMatchObject({ imported: 1, records: 2, codes: ['dmarc.repair.not-utf8'] });
    const line = xml.slice(0, xml.indexOf('bad_byte')).split('\n').length;
    expect(r.repaired[0]?.message).toContain(`first at line ${line}, near byte ${at}`);
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE header_from = 'bad_byte\uFFFD'`)).toBe(1);
  });

  it('recovers leaves that are not well-formed (<email><x@y></email>, bare < and & in <header_from>)', async () => {
    const xml = good('l-1')
      .replace('<email>noreply-dmarc-support@google.com</email>', '<email><noreply@google.com></email>')
      .replace('<header_from>acme.example</header_from>', '<header_from>bad<xml.net</header_from>')
      .replace('<header_from>acme.example</header_from>', '<header_from>a & b</header_from>');
    const r = await one('leaf.xml', xml);
    expect(r).toMatchObject({ imported: 1, records: 2, messages: 7, codes: ['dmarc.repair.leaf-markup'] });
    expect(r.repaired[0]?.message).toContain('(3 values in all)');
    const froms = (t.db.prepare('SELECT header_from FROM dmarc_rows ORDER BY id').all() as Array<{ header_from: string }>).map((x) => x.header_from);
    expect(froms).toEqual(['bad<xml.net', 'a & b']);
    expect(t.db.prepare('SELECT org_email FROM dmarc_reports').get()).toEqual({ org_email: 'noreply@google.com' });
  });

  it('never touches an entity reference while recovering, and still refuses DTDs and broken record structure', async () => {
    // An undeclared entity is not a bare "&": recovery leaves it, and the parser refuses it as before.
    const entity = good('l-2').replace('<header_from>acme.example</header_from>', '<header_from>a & b &lol;</header_from>');
    expect(await one('entity.xml', entity)).toMatchObject({ imported: 0, errors: [{ code: 'dmarc.malformed-xml' }] });
    const refs = good('l-2b').replace('<header_from>acme.example</header_from>', '<header_from>a & b &amp; c&#64;d</header_from>');
    expect(await one('refs.xml', refs)).toMatchObject({ imported: 1, codes: ['dmarc.repair.leaf-markup'] });
    expect(count(t.db, `SELECT COUNT(*) FROM dmarc_rows WHERE header_from = 'a & b & c@d'`)).toBe(1);

    const dtd = good('l-3')
      .replace('<feedback>', '<!DOCTYPE feedback [<!ENTITY lol "lol">]>\n<feedback>')
      .replace('acme.example</header_from>', 'a<b</header_from>');
    expect((await one('dtd.xml', dtd)).errors.map((e) => e.code)).toEqual(['dmarc.dtd-forbidden']);
    // A record whose structure is broken (a close tag that matches nothing) is not "recovered": refused whole.
    const broken = good('l-4').replace('</row>', '</rows>');
    expect(await one('broken.xml', broken)).toMatchObject({ imported: 0, errors: [{ code: 'dmarc.malformed-xml' }] });
    const split = good('l-5').replace('<source_ip>192.0.2.10</source_ip>', '<source_ip>192.0.2.10<source_ip>');
    expect(await one('split.xml', split)).toMatchObject({ imported: 0, errors: [{ code: expect.stringMatching(/dmarc\.(malformed-xml|truncated)/) }] });
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports WHERE report_id IN (?, ?, ?, ?)', 'l-2', 'l-3', 'l-4', 'l-5')).toBe(0);
  });
});
