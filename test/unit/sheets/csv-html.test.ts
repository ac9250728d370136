import { describe, expect, it } from 'vitest';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderCsv } from '../../../src-main/sheets/render-csv';
import { renderHtml } from '../../../src-main/sheets/render-html';
import { renderMarkdown } from '../../../src-main/sheets/render-md';
import { DKIM_VALUE, option1Input } from './fixtures';

/** RFC 4180 reader, independent of the writer, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV', () => {
  it('has a header and one CRLF row per record', () => {
    const csv = renderCsv(buildSheet(option1Input()));
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['type', 'host', 'fqdn', 'value', 'ttl', 'status']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['TXT', 'CNAME', 'TXT', 'TXT']);
    expect(rows[1]).toEqual(['TXT', '20240817055129pm._domainkey', '20240817055129pm._domainkey.acme.com', DKIM_VALUE, '3600', 'ok']);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)'])('neutralises a value starting with %s', (evil) => {
    const sheet = buildSheet(option1Input({ records: { dkim: { host: 'x._domainkey.acme.com', value: evil } } }));
    const cell = parseCsv(renderCsv(sheet))[1]![3]!;
    expect(cell).toBe(`'${evil}`);
  });

  it('quotes commas and double quotes (RFC 4180) and reads back exactly', () => {
    const value = 'v=DMARC1; rua=mailto:a@x.example,mailto:"b"@y.example';
    const sheet = buildSheet(option1Input({ records: { dkim: { host: 'x._domainkey.acme.com', value } } }));
    const csv = renderCsv(sheet);
    expect(csv).toContain('"v=DMARC1; rua=mailto:a@x.example,mailto:""b""@y.example"');
    expect(parseCsv(csv)[1]![3]).toBe(value);
  });
});

describe('HTML escaping', () => {
  const evil = '<script>alert("x")</script>';
  const sheet = buildSheet(
    option1Input({
      tenant: { name: evil, domain: 'acme.com', contactName: '<img src=x onerror=alert(1)>' },
      vendorName: 'Vendor & "Sons" <b>',
      lastCheck: { dkim: { status: '<i>odd</i>', cause: '<svg onload=alert(1)>', observed: '"><script>' } },
    }),
  );
  const html = renderHtml(sheet);

  it('never emits the tenant name, contact or check text as markup', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<i>odd/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Vendor &amp; &quot;Sons&quot; &lt;b&gt;');
  });

  it('is standalone: inline CSS, no scripts, no external assets', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link\b|url\(|https?:\/\//i);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('contains every host and value, and the record diagram', () => {
    for (const r of sheet.records) {
      expect(html).toContain(r.fqdn);
      expect(html).toContain(r.enterHost);
      expect(html).toContain(r.value.replace(/"/g, '&quot;'));
    }
    expect(html).toContain('<figure class="diagram"');
  });

  it('Markdown escapes the name too, and keeps values in code', () => {
    const md = renderMarkdown(sheet);
    // Outside code spans (which render literally) no "<" may be left unescaped.
    const prose = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    expect(prose).not.toMatch(/(?<!\\)</);
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('- We saw: `"><script>`');
    expect(md).toContain('```text\n  ' + DKIM_VALUE + '\n');
  });
});
