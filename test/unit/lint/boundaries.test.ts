import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The folder boundaries are enforced by lint: these imports must be reported where they are written. */
describe('lint boundaries', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const restricted = async (code: string, filePath: string) => {
    const [r] = await eslint.lintText(code, { filePath });
    return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
  };

  it.each([
    ["import fs from 'node:fs'; export const x = fs;", 'src-renderer/bad.ts'],
    ["import { ipcRenderer } from 'electron'; export const x = ipcRenderer;", 'src-renderer/bad.ts'],
    ["import Database from 'better-sqlite3'; export const x = Database;", 'src-renderer/features/bad.ts'],
    ["import { openLedger } from '../src-main/ledger/open'; export const x = openLedger;", 'src-renderer/bad.ts'],
    ["import fs from 'node:fs'; export const x = fs;", 'src-preload/api/bad.ts'],
    ["import { App } from '../../src-renderer/app/App'; export const x = App;", 'src-main/app/bad.ts'],
  ])('reports %s in %s', async (code, file) => {
    expect(await restricted(code, file)).toBeGreaterThan(0);
  });

  // Issue 16: no upward arrows. A service reaching into the composition root or a door is reported.
  it.each([
    ["import type { EventBus } from '../app/event-bus'; export type X = EventBus;", 'src-main/tenants/bad.ts'],
    ["import type { Services } from '../app/services'; export type X = Services;", 'src-main/dns/bad.ts'],
    ["import { serveDownload } from '../host/downloads'; export const x = serveDownload;", 'src-main/sheets/bad.ts'],
    ["import { registerIpc } from '../../ipc/register'; export const x = registerIpc;", 'src-main/dmarc/import/bad.ts'],
    ["import { run } from '../cli/main'; export const x = run;", 'src-main/core/bad.ts'],
    ["import { createConfirm } from '../electron/confirm'; export const x = createConfirm;", 'src-main/settings/bad.ts'],
  ])('reports the upward import %s in %s', async (code, file) => {
    expect(await restricted(code, file)).toBeGreaterThan(0);
  });

  it('allows services to import core/ and doors to import the root', async () => {
    expect(await restricted("import type { EventBus } from '../core/event-bus'; export type X = EventBus;", 'src-main/tenants/ok.ts')).toBe(0);
    expect(await restricted("import type { Services } from '../app/services'; export type X = Services;", 'src-main/host/ok.ts')).toBe(0);
    expect(await restricted("import { commitReport } from './import/commit-report-store'; export const x = commitReport;", 'src-main/dmarc/ok.ts')).toBe(0);
  });

  it('allows the renderer to import the contract', async () => {
    expect(await restricted("import { contract } from '../src-preload/api/contract'; export const x = contract;", 'src-renderer/ok.ts')).toBe(0);
  });
});
