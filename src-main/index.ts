import { app, ipcMain, session } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDispatch } from './app/dispatch';
import { createHandlers } from './app/handlers';
import { resolveHome } from './app/paths';
import { createServices } from './app/services';
import { createElectronVault } from './electron/electron-vault-factory';
import { hardenSession, hardenWindow } from './electron/harden';
import { createMainWindow } from './electron/window';
import { forwardEvents, registerIpc } from './ipc/register';

declare const __BEHALF_VERSION__: string | undefined;

const here = path.dirname(fileURLToPath(import.meta.url));
const devServer = process.env.ELECTRON_RENDERER_URL;
const rendererUrl = devServer ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

/** Electron entry: one window, the shared services behind IPC, nothing else. */
async function main(): Promise<void> {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  const home = process.env.BEHALF_HOME ? resolveHome() : app.getPath('userData');
  const services = createServices({
    home,
    door: 'electron',
    vault: await createElectronVault(),
    version: typeof __BEHALF_VERSION__ === 'string' ? __BEHALF_VERSION__ : app.getVersion(),
  });
  // A long-lived door: queued Postmark jobs run whenever they come due (and resume after a restart).
  services.postmark.startRunner();
  hardenSession(session.defaultSession);
  registerIpc(ipcMain, createDispatch(createHandlers(services), (ch, err) => console.error(`[${ch}]`, err)), () => rendererUrl);

  const win = createMainWindow(path.join(here, '../preload/index.cjs'));
  hardenWindow(win, (url) => url.split('#')[0] === rendererUrl.split('#')[0]);
  const stopEvents = forwardEvents(services.bus, win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('closed', stopEvents);
  await win.loadURL(rendererUrl);

  app.on('window-all-closed', () => {
    services.close();
    app.quit();
  });
}

main().catch((err) => {
  console.error('Behalf failed to start:', err);
  app.exit(1);
});
