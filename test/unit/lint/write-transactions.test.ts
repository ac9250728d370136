import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Issue #21: ledger writes begin IMMEDIATE through one helper. Lint reports any other way of opening a
 * transaction in main, so a deferred read-then-write transaction cannot come back unnoticed.
 */
describe('lint: ledger write transactions go through writeTransaction', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const reported = async (code: string, filePath = 'src-main/feature/bad.ts') => {
    const [r] = await eslint.lintText(code, { filePath });
    return r!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
  };

  it.each([
    'export const f = (db: any) => db.transaction(() => db.prepare("UPDATE t SET a = 1").run())();',
    'export const f = (db: any) => db.transaction(() => 1).deferred();',
    "export const f = (db: any) => db.exec('BEGIN');",
    "export const f = (db: any) => db.exec('begin deferred');",
    'export const f = (db: any) => db.exec(`BEGIN IMMEDIATE`);',
  ])('reports %s', async (code) => {
    expect(await reported(code)).toBeGreaterThan(0);
  });

  it('allows writeTransaction and plain statements', async () => {
    const ok =
      "import { writeTransaction } from '../ledger/write-transaction';\nexport const f = (db: any) => writeTransaction(db, () => db.prepare('UPDATE t SET a = 1').run());";
    expect(await reported(ok)).toBe(0);
    expect(await reported("export const f = (db: any) => db.prepare('SELECT 1').get();")).toBe(0);
  });

  it('finds no other transaction in the main-process sources', async () => {
    const results = await eslint.lintFiles(['src-main/**/*.ts']);
    const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => `${r.filePath}:${m.line}`));
    expect(hits).toEqual([]);
  }, 120_000);
});
