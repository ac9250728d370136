import { describe, it } from 'vitest';
import { buildSheet } from '../../../src-main/sheets/model';
import { renderSheet } from '../../../src-main/sheets/render';
import type { SheetFormat } from '../../../src-main/sheets/types';
import { expectGolden, option1Input, optionInput } from './fixtures';

/**
 * Golden files: the exact output a reviewer has read. Regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/sheets/golden.test.ts` and review the diff.
 */

const textFormats: SheetFormat[] = ['md', 'html', 'csv', 'zone'];

describe('golden files', () => {
  const cases = [
    ['option1-godaddy', buildSheet(option1Input())],
    ['option1-route53', buildSheet(option1Input({ provider: 'route53', lastCheck: undefined }))],
    [
      'option1-generic',
      buildSheet(option1Input({ provider: 'generic', records: { dkim: option1Input().records.dkim, returnPath: option1Input().records.returnPath } })),
    ],
    ['option2', buildSheet(optionInput(2))],
    ['option3', buildSheet(optionInput(3))],
  ] as const;

  for (const [name, sheet] of cases) {
    for (const format of textFormats) {
      if (name.startsWith('option1-') && name !== 'option1-godaddy' && format === 'csv') continue;
      it(`${name}.${format}`, async () => {
        expectGolden(`${name}.${format}`, (await renderSheet(sheet, format)).toString('utf8'));
      });
    }
  }
});
