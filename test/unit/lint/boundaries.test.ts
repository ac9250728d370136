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

  it('allows the renderer to import the contract', async () => {
    expect(await restricted("import { contract } from '../src-preload/api/contract'; export const x = contract;", 'src-renderer/ok.ts')).toBe(0);
  });
});
