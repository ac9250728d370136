import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importUploads, safeName } from '../../../src-main/dmarc/upload-import';
import { count, tempLedger, type TempLedger } from '../../support/dmarc/ledger';
import { reportXml } from '../../support/dmarc/report-builder';

let t: TempLedger | undefined;
afterEach(() => t?.close());

const upload = (reportId: string) => ({
  name: `${reportId}.xml`,
  base64: Buffer.from(
    reportXml({ reportId, domain: 'acme.example', begin: '2025-03-01', rows: [{ ip: '192.0.2.1', count: 3, dkim: 'pass', spf: 'pass' }] }),
  ).toString('base64'),
});

describe('importUploads', () => {
  it('keeps the extension and drops any path from uploaded names', () => {
    expect(safeName('../../etc/passwd')).toBe('passwd');
    expect(safeName('C:\\Users\\me\\google.com!acme!1.xml.gz')).toBe('google.com_acme_1.xml.gz');
    expect(safeName('...')).toBe('upload');
  });

  it('cancelled before the first file imports nothing, says so, and leaves no temp folder behind', async () => {
    t = tempLedger();
    const tmpRoot = path.join(t.dir, 'tmp');
    fs.mkdirSync(tmpRoot);
    const ctl = new AbortController();
    ctl.abort();
    const r = await importUploads(t.db, [upload('A'), upload('B')], { signal: ctl.signal, tmpRoot });
    expect(r).toMatchObject({ imported: 0, files: 0 });
    expect(r.errors).toEqual([expect.objectContaining({ file: 'A.xml', code: 'dmarc.cancelled', hint: expect.stringMatching(/Run the import again/) })]);
    expect(count(t.db, 'SELECT COUNT(*) FROM dmarc_reports')).toBe(0);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
  });

  it('reports progress per file under the uploaded names', async () => {
    t = tempLedger();
    const seen: string[] = [];
    const r = await importUploads(t.db, [upload('A'), upload('B')], { progress: (done, total, file) => seen.push(`${done}/${total} ${file ?? ''}`) });
    expect(r).toMatchObject({ files: 2, imported: 2, messages: 6 });
    expect(seen).toEqual(['0/2 A.xml', '1/2 B.xml', '2/2 ']);
  });
});
