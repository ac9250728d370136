import { describe, expect, it } from 'vitest';
import { tempDir, tempServices } from '../../support/temp';

/** The CLI (or a second process) writes to the same ledger while the console runs: the list must show it. */
describe('tenants written by another process', () => {
  it('appear in the running console without a restart', async () => {
    const home = tempDir();
    const consoleSide = tempServices({ home });
    consoleSide.tenants.create({ name: 'Before', domain: 'before.example' });
    expect(consoleSide.tenants.list({}).total).toBe(1);

    const cliSide = tempServices({ home });
    cliSide.tenants.importCsv('name,domain\nFrom CLI,cli.example\nAlso CLI,also.example\n', false);
    cliSide.close();

    const after = consoleSide.tenants.list({ search: 'cli' });
    expect(after.total).toBe(2);
    expect(after.rows.map((r) => r.domain).sort()).toEqual(['also.example', 'cli.example']);
    expect(consoleSide.tenants.list({}).total).toBe(3);
    consoleSide.close();
  });
});
