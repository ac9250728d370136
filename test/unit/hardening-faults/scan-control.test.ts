import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAwaitingTenant } from '../../support/sheet-ledger';
import { tempServices } from '../../support/temp';
import { CanaryScanner } from './scan';

/**
 * Issue #25 item 2: positive controls for the token scan. A canary planted in each kind of place the suite
 * scans must be found there; otherwise "0 hits" could mean "could not see".
 */
const CANARY = 'c4a7e2f0-9d1b-4e5a-8c3f-canary000001';

describe('token scanner positive controls', () => {
  const hits = (fill: (scanner: CanaryScanner) => void | Promise<void>) => async () => {
    const scanner = new CanaryScanner(() => [CANARY]);
    await fill(scanner);
    return scanner.hits;
  };

  it('finds a canary in replies, headers, events and output, as is, base64 or URL-encoded', async () => {
    expect(await hits((s) => s.scan('rpc', JSON.stringify({ ok: true, value: { note: `x ${CANARY} y` } })))()).not.toHaveLength(0);
    expect(await hits((s) => s.scan('rpc', JSON.stringify({ h: Buffer.from(CANARY).toString('base64') })))()).not.toHaveLength(0);
    expect(await hits((s) => s.scan('url', `https://x.test/?t=${encodeURIComponent(CANARY + '&')}`))()).not.toHaveLength(0);
    expect(await hits((s) => s.scan('clean', JSON.stringify({ ok: true })))()).toHaveLength(0);
  });

  it('finds a canary printed in the body of a real PDF sheet (drawn as glyphs), in every sheet format, and in the ledger file', async () => {
    const s = tempServices();
    // The canary as the tenant's contact name: it is printed in the sheet's body text.
    const t = addAwaitingTenant(s, 'Canary Co', 'canary.example.test', 9);
    s.tenants.update(t.id, { contactName: `Jordan ${CANARY}` });
    const rendered = await s.sheets.render(t.id, 'pdf');
    expect(rendered.body.toString('latin1')).not.toContain(CANARY); // the raw bytes cannot show it …
    const found = await hits((scanner) => scanner.scanPdf('pdf', rendered.body))();
    expect(found.some((h) => h.startsWith('pdf (text)'))).toBe(true); // … the text a reader sees does
    for (const format of ['md', 'html'] as const) {
      const body = (await s.sheets.render(t.id, format)).body;
      expect(await hits((scanner) => scanner.scan(format, body))(), format).not.toHaveLength(0);
    }
    s.close();
    const ledger = path.join(s.home, 'ledger.sqlite');
    expect(fs.existsSync(ledger)).toBe(true);
    expect(await hits((scanner) => scanner.scanFile('ledger', ledger))()).not.toHaveLength(0);
  });

  it('fails when a channel it claims to cover was never scanned', () => {
    const scanner = new CanaryScanner(() => [CANARY]);
    scanner.scan('rpc tenants.list', '{"ok":true}');
    expect(() => scanner.assertCovered(['rpc', 'ws event'])).toThrow(/did not cover: ws event/);
    scanner.scan('ws event 0', '{"event":"x"}');
    expect(() => scanner.assertCovered(['rpc', 'ws event'])).not.toThrow();
  });
});
