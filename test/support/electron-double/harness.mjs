// Loads the BUILT main and preload bundles against the electron double and prints what they did, as JSON.
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

register('./loader.mjs', import.meta.url);
const root = process.argv[2];
const fake = await import('./fake-electron.mjs');
const calls = fake.calls;

await import(pathToFileURL(path.join(root, 'out/main/index.js')).href);
for (let i = 0; i < 100 && !calls.loaded; i++) await new Promise((r) => setTimeout(r, 20));

const result = { loaded: calls.loaded, sandboxEnabled: calls.sandboxEnabled, channels: Object.keys(calls.handles).sort(), window: calls.windows[0] ?? null };
result.windowOpen = calls.windowOpen?.({ url: 'https://evil.example' });
let prevented = false;
calls.wcEvents['will-navigate']?.({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
result.navigationAwayPrevented = prevented;
prevented = false;
calls.wcEvents['will-navigate']?.({ preventDefault: () => (prevented = true) }, calls.loaded);
result.navigationToAppPrevented = prevented;
// An injected iframe navigating away (will-navigate does not see subframes) is stopped; the main frame's own
// navigation is left to will-navigate above.
const frameNav = (url, isMainFrame) => { let p = false; calls.wcEvents['will-frame-navigate']?.({ url, isMainFrame, preventDefault: () => (p = true) }); return p; };
result.subframeAwayPrevented = frameNav('https://evil.example/', false);
// Every other way out, through the main frame's will-navigate.
result.navigationPrevented = {};
for (const url of ['file:///etc/passwd', 'file:///opt/behalf/out/renderer/other.html', 'http://127.0.0.1:1/', 'data:text/html,<script>1</script>', 'javascript:alert(1)', 'https://evil.example/']) {
  let p = false;
  calls.wcEvents['will-navigate']?.({ preventDefault: () => (p = true) }, url);
  result.navigationPrevented[url] = p;
}
let webviewPrevented = false;
calls.wcEvents['will-attach-webview']?.({ preventDefault: () => (webviewPrevented = true) }, {}, {});
result.webviewPrevented = webviewPrevented;
result.webContentsEvents = Object.keys(calls.wcEvents).sort();
result.subframeToAppPrevented = frameNav(calls.loaded, false);
calls.permissionRequest?.(null, 'camera', (granted) => (result.permissionGranted = granted));
result.permissionCheck = calls.permissionCheck?.(null, 'notifications');
calls.headers?.({ responseHeaders: {} }, (r) => (result.csp = r.responseHeaders['Content-Security-Policy']?.[0]));
const handler = calls.handles['tenants.list'];
result.trustedCall = await handler({ senderFrame: { url: calls.loaded } }, {});
result.untrustedCall = await handler({ senderFrame: { url: 'https://evil.example/' } }, {});
result.noFrameCall = await handler({ senderFrame: null }, {});

// Desktop export: a sheet rendered in main, saved through the (double's) save dialog to a path it answers.
const frame = { senderFrame: { url: calls.loaded } };
// Sheets leave Behalf only once the vendor is named (guard rail), so name it first.
await calls.handles['settings.update'](frame, { vendorName: 'Northwind Mail', vendorDomain: 'northwind-mail.test' });
const created = await calls.handles['tenants.create'](frame, { name: 'Acme Corp', domain: 'acme.test', option: 3 });
const exported = await calls.handles['sheets.export'](frame, { id: created.value?.id, format: 'md' });
calls.saveDialogAnswer = { canceled: false, filePath: path.join(process.env.BEHALF_HOME, 'saved-sheet.md') };
result.saved = await calls.handles['sheets.saveAs'](frame, { downloadId: exported.value?.downloadId });
result.savedAgain = await calls.handles['sheets.saveAs'](frame, { downloadId: exported.value?.downloadId });
result.saveDialogs = calls.saveDialogs;

// The Postmark API URL: changed only through main's own dialog (Cancel, then confirm).
result.endpointCancelled = await calls.handles['settings.changeEndpoint'](frame, { url: 'http://127.0.0.1:45555' });
calls.messageBoxAnswer = 1;
result.endpointChanged = await calls.handles['settings.changeEndpoint'](frame, { url: 'http://127.0.0.1:45555' });
result.messageBoxes = calls.messageBoxes;

// Preload: a CommonJS bundle that requires('electron').
const require = createRequire(import.meta.url);
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};
require(path.join(root, 'out/preload/index.cjs'));
const exposed = calls.exposed.behalf ?? {};
result.exposedKeys = Object.keys(calls.exposed);
result.bridge = Object.fromEntries(Object.entries(exposed).map(([k, v]) => [k, Object.keys(v).sort()]));
await exposed.tenants?.list({ search: 'x' });
result.invoked = calls.invoked;
console.log(JSON.stringify(result));
process.exit(0);
