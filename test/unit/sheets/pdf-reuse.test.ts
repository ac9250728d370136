import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderSheet } from '../../../src-main/sheets/render';
import { option1Input, optionInput } from './fixtures';

/**
 * The PDF renderer shares parsed fonts, shaped words and measured paragraphs between documents
 * (src-main/sheets/font-reuse.ts, pdf-layout.ts). A sheet must still come out the same whatever
 * was rendered before it in the process, and its text must extract as typed.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-sheet-reuse-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
// "ﬁ" (U+FB01) is the glyph the shaper also uses for "f"+"i": the case where fontkit's shared glyph cache leaks.
const ligatureTenant = () => buildSheet(option1Input({ tenant: { name: 'Ørsted ﬁnance Ελληνικά', domain: 'acme.com', contactName: 'Zoë' } }));

it('renders a sheet to the same bytes first and after other sheets', async () => {
  const first = sha(await renderSheet(ligatureTenant(), 'pdf'));
  const others = [option1Input({ provider: 'route53' }), optionInput(2), optionInput(3), option1Input({ provider: 'generic' })];
  for (const input of others) await renderSheet(buildSheet(input), 'pdf', { paper: 'letter' });
  expect(sha(await renderSheet(ligatureTenant(), 'pdf'))).toBe(first);
});

it('keeps "fi" in the instructions extractable as f+i after a tenant name with the ﬁ ligature', async () => {
  await renderSheet(ligatureTenant(), 'pdf');
  const file = path.join(dir, 'after-ligature.pdf');
  fs.writeFileSync(file, await renderSheet(buildSheet(option1Input()), 'pdf'));
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  // Words of the instructions that hold "fi", extracted whole (a broken glyph cache turns them into "ﬁ" or garbage).
  expect(text).toMatch(/\bfi(nd|rst|le|eld)/i);
  expect(text.match(/fi/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  expect(text).not.toContain('\uFB01');
});
