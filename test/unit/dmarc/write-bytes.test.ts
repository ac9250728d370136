import { describe, expect, it } from 'vitest';
import { writeBytes } from '../../../src-main/dmarc/import/consume-xml';
import { RepairLog } from '../../../src-main/dmarc/import/repairs';
import { ReportXmlParser } from '../../../src-main/dmarc/import/report-parser';
import { ReportTextDecoder } from '../../../src-main/dmarc/import/report-text';
import type { ReportRow } from '../../../src-main/dmarc/import/report-types';
import { recordXml, reportHead, REPORT_TAIL } from '../../support/dmarc/report-builder';

/* The import hands the parser 64 KiB of bytes at a time (issue #17): what crosses a piece's end must read the same. */
const spec = { reportId: 'pieces-1', domain: 'acme.example', begin: '2025-03-01' };
const PIECE = 64 * 1024;

/** Pads the report with blank lines between records so that `mark` (in the next record) starts `at` bytes in. */
function place(before: string, record: string, mark: string, at: number): string {
  const offset = Buffer.byteLength(before) + Buffer.byteLength(record.slice(0, record.indexOf(mark)));
  if (offset > at) throw new Error('too late to place the mark');
  return before + '\n'.repeat(at - offset) + record;
}

function readAll(bytes: Buffer): { rows: ReportRow[]; repairs: string[] } {
  const rows: ReportRow[] = [];
  const repairs = new RepairLog();
  const parser = new ReportXmlParser({ onRow: (r) => rows.push(r) }, undefined, repairs);
  const decoder = new ReportTextDecoder(repairs);
  writeBytes(parser, decoder, bytes);
  parser.write(decoder.end());
  parser.end();
  return { rows, repairs: repairs.list().map((n) => n.code) };
}

describe('writeBytes: a report read 64 KiB at a time', () => {
  it('reads characters, tags and records cut at the pieces’ ends as if it were read whole', () => {
    const plain = (i: number) => recordXml({ ip: `192.0.2.${i % 250}`, count: i + 1, dkim: 'pass', spf: 'pass' }, spec);
    let xml = reportHead(spec);
    for (let i = 0; Buffer.byteLength(xml) < PIECE - 2_000; i++) xml += plain(i);
    // A 2-byte character across the first piece's end, a 3-byte one across the second's, a tag name across the third's.
    xml = place(xml, recordXml({ ip: '198.51.100.1', count: 7, dkim: 'pass', spf: 'pass', headerFrom: 'bücher.example' }, spec), 'ü', PIECE - 1);
    for (let i = 0; Buffer.byteLength(xml) < 2 * PIECE - 2_000; i++) xml += plain(i);
    xml = place(xml, recordXml({ ip: '198.51.100.2', count: 8, dkim: 'pass', spf: 'pass', headerFrom: 'pay€.example' }, spec), '€', 2 * PIECE - 2);
    for (let i = 0; Buffer.byteLength(xml) < 3 * PIECE - 2_000; i++) xml += plain(i);
    xml = place(xml, plain(999), 'source_ip>', 3 * PIECE - 4);
    xml += REPORT_TAIL;
    const bytes = Buffer.from(xml, 'utf8');
    expect(bytes.subarray(PIECE - 1, PIECE + 1).toString('utf8')).toBe('ü');
    expect(bytes.subarray(2 * PIECE - 2, 2 * PIECE + 1).toString('utf8')).toBe('€');

    const pieced = readAll(bytes);
    const wholeRows: ReportRow[] = [];
    const once = new ReportXmlParser({ onRow: (r) => wholeRows.push(r) });
    once.write(xml);
    once.end();
    expect(pieced.repairs).toEqual([]);
    expect(pieced.rows).toEqual(wholeRows);
    expect(pieced.rows.map((r) => r.headerFrom)).toContain('bücher.example');
    expect(pieced.rows.map((r) => r.headerFrom)).toContain('pay€.example');
    expect(pieced.rows.find((r) => r.count === 1000)?.sourceIp).toBe('192.0.2.249');
  });
});
