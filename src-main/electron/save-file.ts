import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { SaveFile } from '../core/downloads';

export type { SaveFile };

export interface SaveFileDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The window the dialog belongs to (sheet-modal on macOS); null before it exists. */
  window: () => BrowserWindow | null;
  /** Where the dialog starts, e.g. app.getPath('downloads'). */
  defaultDir: () => string;
}

export function createSaveFile(deps: SaveFileDeps): SaveFile {
  return async (suggestedName, bytes) => {
    // The suggested name comes from a tenant's name: keep it one plain file name, never a path.
    const safeName = path.basename(suggestedName).replace(/[^\w.@+-]+/g, '_') || 'behalf-export';
    const ext = path.extname(safeName).slice(1);
    const options = {
      title: 'Save',
      defaultPath: path.join(deps.defaultDir(), safeName),
      ...(ext
        ? {
            filters: [
              { name: `${ext.toUpperCase()} file`, extensions: [ext] },
              { name: 'All files', extensions: ['*'] },
            ],
          }
        : {}),
    };
    const win = deps.window();
    const res = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
    if (res.canceled || !res.filePath) return null;
    await fs.writeFile(res.filePath, bytes);
    return res.filePath;
  };
}
