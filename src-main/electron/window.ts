import { BrowserWindow } from 'electron';

/**
 * The console window, hardened: the renderer is a web page with no Node, isolated from the preload, sandboxed,
 * with middle-click (auxclick) disabled so a link can never open a second window. The options are written out
 * here literally so a reviewer (and electronegativity) can read every one of them at the call.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Behalf',
    backgroundColor: '#1b1d21',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

export { ELECTRON_CSP } from './csp';
