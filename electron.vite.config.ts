import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { ELECTRON_CSP } from './src-main/electron/csp';

const version = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')).version as string;
/** The built index.html carries the same CSP as the Electron header (the `file://` load gets no header). */
const cspMeta = (): Plugin => ({
  name: 'behalf-csp-meta',
  apply: 'build', // the dev server's hot reload needs inline scripts; dev is never shipped
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: ELECTRON_CSP }, injectTo: 'head-prepend' }],
});
const define = { __BEHALF_VERSION__: JSON.stringify(version) };

/**
 * Three builds. main: the Electron entry plus the Node entries (CLI/browser host, demo) that share its services.
 * preload: one sandbox-safe CommonJS file with its dependencies bundled. renderer: the React console.
 */
export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      // Bundled, not loaded from node_modules: the pure-JS packages every start of main loads. Node's ESM loader
      // resolved, read and linked zod's ~60 files and the others' one by one (issue #17, P5).
      externalizeDeps: { exclude: ['zod', 'ws', 'tr46', 'tldts', 'dns-packet'] },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          // Its own file: DMARC imports run on a worker thread (src-main/dmarc/import/worker).
          'dmarc-import-worker': resolve(__dirname, 'src-main/dmarc/import/worker/import-worker.ts'),
          // Its own file too: bulk PDF export renders on a pool of worker threads (src-main/sheets/pdf-pool).
          'sheets-pdf-worker': resolve(__dirname, 'src-main/sheets/pdf-pool/pdf-worker.ts'),
          // And snapshots are checked (integrity_check) on a worker thread (src-main/backups/check-worker).
          'snapshot-check-worker': resolve(__dirname, 'src-main/backups/check-worker/check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
