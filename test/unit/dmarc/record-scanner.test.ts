import { describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { isPlain } from '../../../src-main/dmarc/import/record-scanner';
import { ReportXmlParser } from '../../../src-main/dmarc/import/report-parser';
import type { ReportRow } from '../../../src-main/dmarc/import/report-types';
import { reportHead, REPORT_TAIL } from '../../support/dmarc/report-builder';

/**
 * Records normally go through the lean record scanner; anything unusual goes to saxes. Both must read the
 * same rows. A comment right after <record> sends a record to saxes (the scanner declines comments), so each
 * record is read twice — once each way — and the rows compared.
 */
const head = reportHead({ reportId: 'scan-1', domain: 'acme.example', begin: '2025-03-01' });

function parse(xml: string, piece = xml.length): ReportRow[] {
  const rows: ReportRow[] = [];
  const parser = new ReportXmlParser({ onRow: (r) => rows.push(structuredClone(r)) });
  for (let i = 0; i < xml.length; i += piece) parser.write(xml.slice(i, i + piece));
  parser.end();
  return rows;
}

const viaSaxes = (record: string) => record.replace('<record>', '<record><!-- read by saxes -->');

const RECORDS: Record<string, string> = {
  plain: `<record><row><source_ip>192.0.2.1</source_ip><count>3</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row><identifiers><header_from>acme.example</header_from></identifiers><auth_results><dkim><domain>acme.example</domain><selector>PM</selector><result>pass</result></dkim><spf><domain>acme.example</domain><result>fail</result></spf></auth_results></record>`,
  'CRLF, indentation, spaces in end tags': `<record>\r\n  <row>\r\n    <source_ip> 192.0.2.2 </source_ip >\r\n    <count>\t7</count>\r\n    <policy_evaluated><disposition>Quarantine</disposition><dkim>FAIL</dkim><spf>fail</spf>\r\n      <reason><type>Forwarded</type><comment>x</comment></reason><reason><type>local_policy</type></reason>\r\n    </policy_evaluated>\r\n  </row>\r\n  <identifiers><envelope_from>B.Example</envelope_from><header_from>Mail.Acme.Example</header_from><envelope_to>to.example</envelope_to></identifiers>\r\n  <auth_results><spf><domain>helo.example</domain><scope>helo</scope><result>pass</result></spf><spf><domain>b.example</domain><scope>mfrom</scope><result>softfail</result></spf></auth_results>\r\n</record>`,
  'unknown and self-closing elements': `<record><row><source_ip>2001:DB8::1</source_ip><count>1</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf><unknown><source_ip>6.6.6.6</source_ip></unknown></policy_evaluated></row><identifiers><header_from>acme.example</header_from><envelope_to/></identifiers><auth_results><dkim/><dkim><domain>a.example</domain><result>pass</result><human_result>ok</human_result></dkim></auth_results><extra>x</extra></record>`,
  'an attribute': `<record><row type="x"><source_ip>192.0.2.3</source_ip><count>2</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>acme.example</header_from></identifiers><auth_results/></record>`,
  'references and non-ASCII': `<record><row><source_ip>192.0.2.4</source_ip><count>&#52;</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>bücher.example</header_from><envelope_from>a&amp;b.example</envelope_from></identifiers><auth_results></auth_results></record>`,
  CDATA: `<record><row><source_ip><![CDATA[192.0.2.5]]></source_ip><count>2</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>acme.example</header_from></identifiers><auth_results/></record>`,
};

describe('record scanner and saxes read records alike', () => {
  for (const [name, record] of Object.entries(RECORDS)) {
    it(name, () => {
      const fast = parse(`${head}${record}\n${REPORT_TAIL}`);
      const slow = parse(`${head}${viaSaxes(record)}\n${REPORT_TAIL}`);
      expect(fast).toHaveLength(1);
      expect(fast).toEqual(slow);
    });
  }

  it('reads the same rows whatever the pieces the text arrives in', () => {
    const xml = `${head}${Object.values(RECORDS).join('\n')}\n${REPORT_TAIL}`;
    const whole = parse(xml);
    expect(whole).toHaveLength(Object.keys(RECORDS).length);
    for (const piece of [1, 7, 8, 9, 64, 1000]) expect(parse(xml, piece)).toEqual(whole);
  });

  // An end tag shorter, longer or one letter off its start tag's name, or with the name of another element.
  for (const end of ['</sourceip>', '</source_i>', '</source_ipx>', '</source_iq>', '</Source_ip>', '</count>']) {
    it(`a record the scanner declines still gets judged: ${end} closing <source_ip> is malformed XML`, () => {
      const bad = RECORDS.plain!.replace('</source_ip>', end);
      expect(bad).not.toBe(RECORDS.plain);
      const err = (() => {
        try {
          parse(`${head}${bad}${REPORT_TAIL}`);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(BehalfError);
      expect((err as BehalfError).code).toBe('dmarc.malformed-xml');
    });
  }

  it('a <record> inside a comment or an extension is not a record', () => {
    const xml = `${head}<!-- <record>${RECORDS.plain!.slice(8)} -->${RECORDS.plain}${REPORT_TAIL}`;
    expect(parse(xml)).toHaveLength(1);
    expect(parse(xml, 5)).toHaveLength(1);
  });
});

describe('the plain-text test', () => {
  /** The plain subset as first defined: printable ASCII but '&', tabs and line breaks; no "]]>". */
  const asDefined = (s: string) => /^[\t\n\r\x20-\x25\x27-\x7e]*$/.test(s) && !s.includes(']]>');
  const text = '<record><row><source_ip>192.0.2.1</source_ip>\r\n\t<count>3</count></row></record>\n';

  it('accepts and refuses exactly what its definition does, for every UTF-16 code unit anywhere in a piece', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `${text}${ch}`, `${ch}${text}`, `${text.slice(0, 40)}${ch}${text.slice(40)}`]) {
        if (isPlain(s) !== asDefined(s)) expect.fail(`U+${c.toString(16).padStart(4, '0')} in ${JSON.stringify(s)}`);
      }
    }
    for (const s of ['', text, `${text}]]>`, `${text}]]`, `a]]>b`, `\u{1F600}${text}`, `${text}\ud800`])
      expect(isPlain(s), JSON.stringify(s)).toBe(asDefined(s));
  });
});
