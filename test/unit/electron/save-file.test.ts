import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSaveFile } from '../../../src-main/electron/save-file';
import { tempDir } from '../../support/temp';

/** A save dialog that records what it was asked and answers as told. */
function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const asked: Record<string, unknown>[] = [];
  return {
    asked,
    dialog: {
      showSaveDialog: async (...args: unknown[]) => (
        asked.push(args.at(-1) as Record<string, unknown>),
        { canceled: answer.canceled, filePath: answer.filePath ?? '' }
      ),
    },
  };
}

describe('Electron save-file capability', () => {
  it('suggests a plain file name in the default folder, filters by extension, writes the bytes', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'chosen.pdf');
    const { dialog, asked } = fakeDialog({ canceled: false, filePath: target });
    const save = createSaveFile({ dialog: dialog as never, window: () => null, defaultDir: () => dir });
    expect(await save('../../etc/acme corp.pdf', Buffer.from('%PDF-1.7'))).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7');
    expect(asked[0]).toMatchObject({ defaultPath: path.join(dir, 'acme_corp.pdf'), filters: [{ extensions: ['pdf'] }, { extensions: ['*'] }] });
  });

  it('returns null and writes nothing when the person cancels', async () => {
    const dir = tempDir();
    const { dialog } = fakeDialog({ canceled: true });
    const save = createSaveFile({ dialog: dialog as never, window: () => null, defaultDir: () => dir });
    expect(await save('sheet.md', Buffer.from('x'))).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
