import type { BrowserWindow, Session } from 'electron';
import { ELECTRON_CSP } from './window';

/** No navigation away from the console, no new windows, no permissions, and a strict CSP on every response. */
export function hardenWindow(win: BrowserWindow, isAppUrl: (url: string) => boolean): void {
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // will-navigate sees only the main frame; an injected iframe navigating somewhere is caught here.
  win.webContents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
}
