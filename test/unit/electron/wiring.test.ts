import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src-preload/api/contract';
import { tempDir } from '../../support/temp';

/**
 * The Electron door without an Electron binary: the built main and preload bundles run against a recording
 * double of the `electron` module (test/support/electron-double).
 */
describe('Electron wiring (built bundles, electron double)', () => {
  let r: Record<string, any>;
  beforeAll(() => {
    const root = path.resolve('.');
    execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { cwd: root, stdio: 'inherit' });
    const out = execFileSync(process.execPath, ['test/support/electron-double/harness.mjs', root], {
      cwd: root,
      env: { ...process.env, BEHALF_HOME: tempDir(), POSTMARK_ACCOUNT_TOKEN: '' },
    }).toString();
    r = JSON.parse(out.trim().split('\n').pop()!);
  }, 120_000);

  it('registers exactly one ipcMain.handle per contract method', () => {
    const expected = Object.entries(contract)
      .flatMap(([ns, m]) => Object.keys(m).map((k) => `${ns}.${k}`))
      .sort();
    expect(r.channels).toEqual(expected);
  });

  it('hardens the window: contextIsolation, sandbox, no nodeIntegration, preload set', () => {
    expect(r.sandboxEnabled).toBe(true);
    expect(r.window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(r.window.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(r.loaded).toMatch(/^file:.*renderer\/index\.html$/);
  });

  it('denies window.open, navigation away and permission requests, and sets a CSP', () => {
    expect(r.windowOpen).toEqual({ action: 'deny' });
    expect(r.navigationAwayPrevented).toBe(true);
    expect(r.navigationToAppPrevented).toBe(false);
    expect(r.subframeAwayPrevented).toBe(true);
    expect(r.subframeToAppPrevented).toBe(false);
    expect(r.permissionGranted).toBe(false);
    expect(r.permissionCheck).toBe(false);
    // The whole policy, written out here: anything appended ('unsafe-eval', a remote host) fails this line.
    expect(r.csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('registers every guard on the window and each one refuses: webviews, file:, http:, data:, javascript: navigation', () => {
    expect(r.webContentsEvents).toEqual(expect.arrayContaining(['will-attach-webview', 'will-frame-navigate', 'will-navigate']));
    expect(r.webviewPrevented).toBe(true);
    for (const [url, prevented] of Object.entries(r.navigationPrevented as Record<string, boolean>)) expect(prevented, url).toBe(true);
    expect(Object.keys(r.navigationPrevented)).toHaveLength(6);
  });

  it('changes the Postmark API URL only through a native dialog main shows, which clears the tokens', () => {
    expect(r.endpointCancelled).toMatchObject({ ok: false, error: { code: 'settings.cancelled' } });
    expect(r.endpointChanged).toMatchObject({ ok: true, value: { changed: true, tokensCleared: true, endpoint: 'http://127.0.0.1:45555' } });
    expect(r.messageBoxes).toHaveLength(2);
    expect(r.messageBoxes[0]).toMatchObject({ buttons: ['Cancel', 'Change and clear tokens'], defaultId: 0, cancelId: 0 });
  });

  it('the built index.html carries the same CSP as a <meta> tag (the file:// load gets no header)', () => {
    const html = fs.readFileSync(path.resolve('out/renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(meta).toBe(r.csp);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script')); // before any script
  });

  it('answers the app window and refuses other senders', () => {
    expect(r.trustedCall).toMatchObject({ ok: true, value: { total: 0 } });
    expect(r.untrustedCall).toMatchObject({ ok: false, error: { code: 'ipc.untrusted-sender' } });
    expect(r.noFrameCall).toMatchObject({ ok: false, error: { code: 'ipc.untrusted-sender' } });
  });

  it('saves an export through the save dialog once, with the file name main chose', () => {
    expect(r.saved).toMatchObject({ ok: true, value: { fileName: 'acme-corp-acme.test.md' } });
    expect(r.saved.value.savedTo).toMatch(/saved-sheet\.md$/);
    expect(fs.readFileSync(r.saved.value.savedTo, 'utf8')).toContain('acme.test');
    expect(r.saveDialogs[0].defaultPath).toMatch(/acme-corp-acme\.test\.md$/);
    // One export, one save: the id is spent.
    expect(r.savedAgain).toMatchObject({ ok: false, error: { code: 'sheet.save-expired' } });
  });

  it('the preload exposes exactly the contract on window.behalf, and calls go to the named channel', () => {
    expect(r.exposedKeys).toEqual(['behalf']);
    const expected = Object.fromEntries(Object.entries(contract).map(([ns, m]) => [ns, Object.keys(m).sort()]));
    expect(r.bridge).toEqual({ ...expected, events: ['subscribe'] });
    expect(r.invoked).toEqual([['tenants.list', { search: 'x' }]]);
  });
});
