import { app, dialog, ipcMain, Notification, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDispatch } from './app/dispatch';
import { createHandlers } from './app/handlers';
import { resolveHome } from './app/paths';
import { createServices, type Services } from './app/services';
import { createRecoveryDispatch } from './app/recovery-dispatch';
import { isCorruption } from './backups/recovery';
import type { BehalfError } from '../src-preload/api/errors';
import { createElectronVault } from './electron/electron-vault-factory';
import { hardenSession, hardenWindow } from './electron/harden';
import { notifyNewAlerts } from './electron/notify-alerts';
import { createSaveFile } from './electron/save-file';
import { createConfirm } from './electron/confirm';
import { restrictDirToOwner } from './ledger/open';
import { createMainWindow } from './electron/window';
import { forwardEvents, registerIpc } from './ipc/register';
import { followLedger } from './app/follow-ledger';
import { applyLongLivedHeapPolicy } from './app/heap-policy';

declare const __BEHALF_VERSION__: string | undefined;

const here = path.dirname(fileURLToPath(import.meta.url));
const devServer = process.env.ELECTRON_RENDERER_URL;
const rendererUrl = devServer ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

/** Electron entry: one window, the shared services behind IPC, nothing else. */
async function main(): Promise<void> {
  applyLongLivedHeapPolicy();
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  const home = process.env.BEHALF_HOME ? resolveHome() : app.getPath('userData');
  // Electron creates userData world-readable (0755); it holds the ledger and the encrypted tokens: owner only.
  if (!process.env.BEHALF_HOME) restrictDirToOwner(home);
  let win: BrowserWindow | null = null;
  const build = async () =>
    createServices({
      home,
      door: 'electron',
      vault: await createElectronVault(),
      version: typeof __BEHALF_VERSION__ === 'string' ? __BEHALF_VERSION__ : app.getVersion(),
      // Exports are saved through the system dialog (no /download route in this door).
      saveFile: createSaveFile({ dialog, window: () => win, defaultDir: () => app.getPath('downloads') }),
      confirmInMain: createConfirm(dialog, () => win),
    });
  const onError = (ch: string, err: unknown) => console.error(`[${ch}]`, err);
  let services: Services | undefined;
  try {
    services = await build();
  } catch (err) {
    // A damaged ledger is never opened for writing: the window shows the recovery screen (issue #20), and after a
    // restore the app starts again on the restored ledger.
    if (!isCorruption(err)) throw err;
    const relaunch = () => void setTimeout(() => (app.relaunch(), app.exit(0)), 300);
    registerIpc(ipcMain, createRecoveryDispatch({ home, damage: err as BehalfError, onError, whenRestored: () => (relaunch(), undefined) }), () => rendererUrl);
  }
  if (services) {
    // A long-lived door: queued Postmark jobs run whenever they come due (and resume after a restart).
    services.postmark.startRunner();
    // A verified snapshot of the ledger now and every Settings → Backups interval (issue #20).
    services.backups.schedule();
    // Team mode (issue #19): changes pushed as they are made, the team's pulled the moment they are pushed (also
    // from the moment a publish or join made in Settings → Team makes this console part of a team).
    services.team().runWhileOpen();
    // Commits by other processes (a CLI on this data directory) reach the window; a CLI join starts the runner.
    const running = services;
    followLedger(running, () => void running.team().runWhileOpen());
    // The watch: rechecks and alerts every Settings → Watch interval, outside the quiet hours (issue #18).
    services.watchSchedule();
    registerIpc(ipcMain, createDispatch(createHandlers(services), onError), () => rendererUrl);
  }
  hardenSession(session.defaultSession);

  const mainWindow = createMainWindow(path.join(here, '../preload/index.cjs'));
  win = mainWindow;
  hardenWindow(mainWindow, (url) => url.split('#')[0] === rendererUrl.split('#')[0]);
  const stopEvents = services ? forwardEvents(services.bus, mainWindow.webContents) : () => undefined;
  // New alerts from a watch round: an OS notification; a click brings the window to the Alerts page.
  if (services) {
    notifyNewAlerts(services.bus, Notification, () => {
      if (!win) return;
      win.show();
      void win.webContents.executeJavaScript("location.hash = '#/alerts'");
    });
  }
  mainWindow.once('ready-to-show', () => mainWindow.show());
  mainWindow.on('closed', () => {
    win = null;
    stopEvents();
  });
  await mainWindow.loadURL(rendererUrl);

  app.on('window-all-closed', () => {
    services?.close();
    app.quit();
  });
}

main().catch((err) => {
  console.error('Behalf failed to start:', err);
  app.exit(1);
});
