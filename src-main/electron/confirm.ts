import type { BrowserWindow, Dialog } from 'electron';
import type { ConfirmInMain } from '../core/confirm-in-main';

/**
 * A question main asks the person directly, in a native dialog the renderer cannot draw or click: used where a
 * compromised page must not be able to decide alone (sending the account token to another URL).
 */
export function createConfirm(dialog: Pick<Dialog, 'showMessageBox'>, window: () => BrowserWindow | null): ConfirmInMain {
  return async ({ title, message, detail, confirmLabel }) => {
    const options = { type: 'warning' as const, title, message, detail, buttons: ['Cancel', confirmLabel], defaultId: 0, cancelId: 0, noLink: true };
    const win = window();
    const res = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    return res.response === 1;
  };
}
