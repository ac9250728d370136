import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Issue 16: one owner per table. Lint reports a statement prepared outside a `*-store.ts` / `*-repo.ts` file (or a
 * ledger migration), so SQL cannot creep back into services, handlers or doors.
 */
describe('lint: SQL only in stores and repos', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const reported = async (code: string, filePath: string) => {
    const [r] = await eslint.lintText(code, { filePath });
    return r!.messages.filter((m) => m.ruleId === 'no-restricted-properties').length;
  };

  it.each([
    ["export const f = (db: any) => db.prepare('SELECT 1').get();", 'src-main/feature/feature-service.ts'],
    ["export class S { constructor(private readonly db: any) {} n() { return this.db.prepare('SELECT 1').get(); } }", 'src-main/options/options-service.ts'],
    ["export const f = (deps: any) => deps.db.prepare('DELETE FROM t').run();", 'src-main/app/handlers/bad.ts'],
    ["export const f = (db: any) => db.exec('CREATE TABLE t (a)');", 'src-main/dmarc/import/stage.ts'],
  ])('reports %s in %s', async (code, file) => {
    expect(await reported(code, file)).toBeGreaterThan(0);
  });

  it.each(['src-main/feature/thing-store.ts', 'src-main/ledger/tenants-repo.ts', 'src-main/ledger/migrations/099-thing.ts'])(
    'allows SQL in %s',
    async (file) => {
      expect(await reported("export const f = (db: any) => { db.exec('CREATE TABLE t (a)'); return db.prepare('SELECT 1').get(); };", file)).toBe(0);
    },
  );

  it('leaves a regular expression’s exec alone', async () => {
    expect(await reported('export const f = (s: string) => /a(b)/.exec(s)?.[1];', 'src-main/feature/parse.ts')).toBe(0);
  });

  it('finds no SQL outside stores and repos in the main-process sources', async () => {
    const results = await eslint.lintFiles(['src-main/**/*.ts']);
    const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-properties').map((m) => `${r.filePath}:${m.line}`));
    expect(hits).toEqual([]);
  }, 120_000);
});
