// A recording test double of the parts of `electron` Behalf's main and preload bundles use.
export const calls = {
  sandboxEnabled: false, handles: {}, windows: [], loaded: null, windowOpen: null, wcEvents: {},
  permissionRequest: null, permissionCheck: null, headers: null, exposed: {}, invoked: [],
};
globalThis.__electronDouble = calls;

export const app = {
  enableSandbox: () => (calls.sandboxEnabled = true),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.BEHALF_HOME,
  getVersion: () => '0.0.0-double',
  on() {}, quit() {}, exit(code) { calls.exitCode = code; },
};
export const ipcMain = { handle: (channel, fn) => (calls.handles[channel] = fn) };
class WebContents {
  setWindowOpenHandler(fn) { calls.windowOpen = fn; }
  on(event, fn) { calls.wcEvents[event] = fn; }
  send() {}
  isDestroyed() { return false; }
}
export class BrowserWindow {
  constructor(options) { calls.windows.push(options); this.webContents = new WebContents(); }
  once() {} on() {} show() {}
  loadURL(url) { calls.loaded = url; return Promise.resolve(); }
}
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (calls.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (calls.permissionCheck = fn),
    webRequest: { onHeadersReceived: (fn) => (calls.headers = fn) },
  },
};
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => { throw new Error('no'); },
  decryptString: () => { throw new Error('no'); },
};
// Save dialogs answer what a test put in calls.saveDialogAnswer (default: the person cancelled).
export const dialog = {
  showSaveDialog: (...args) => {
    calls.saveDialogs = [...(calls.saveDialogs ?? []), args.at(-1)];
    return Promise.resolve(calls.saveDialogAnswer ?? { canceled: true, filePath: '' });
  },
  // Message boxes answer calls.messageBoxAnswer (default: the first button, which Behalf makes "Cancel").
  showMessageBox: (...args) => {
    calls.messageBoxes = [...(calls.messageBoxes ?? []), args.at(-1)];
    return Promise.resolve({ response: calls.messageBoxAnswer ?? 0, checkboxChecked: false });
  },
};
export const contextBridge = { exposeInMainWorld: (key, value) => (calls.exposed[key] = value) };
export const ipcRenderer = {
  invoke: (channel, input) => (calls.invoked.push([channel, input]), Promise.resolve({ ok: true, value: null })),
  on() {}, removeListener() {},
};
export class Notification {
  static isSupported() { return false; }
  constructor(opts) { this.opts = opts; }
  on() {} show() {}
}
export default { app, ipcMain, BrowserWindow, session, safeStorage, dialog, contextBridge, ipcRenderer, Notification };
