import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';
import { cli, tenantNames } from './backup-helpers';

/** A ledger of some size whose file is cut in half, as a full disk or a bad copy leaves it. */
async function truncatedHome() {
  const home = tempDir();
  for (let i = 0; i < 3; i++) await cli('tenants', 'add', '--name', `Tenant ${i}`, '--domain', `t${i}.example`, '--notes', 'x'.repeat(3000), '--home', home);
  const snap = JSON.parse((await cli('backup', '--json', '--home', home)).out).file as string;
  const ledger = path.join(home, 'ledger.sqlite');
  const size = fs.statSync(ledger).size;
  expect(fs.existsSync(`${ledger}-wal`) && fs.statSync(`${ledger}-wal`).size).toBeFalsy(); // closed cleanly: WAL checkpointed
  fs.truncateSync(ledger, Math.floor(size / 2));
  return { home, ledger, snap, truncatedSize: Math.floor(size / 2) };
}

describe('recovery from a damaged ledger (issue #20 item 2)', () => {
  it('the CLI exits 3 naming the latest good snapshot and the restore command, and leaves the file alone', async () => {
    const { home, ledger, snap, truncatedSize } = await truncatedHome();
    const r = await cli('tenants', 'list', '--json', '--home', home);
    expect(r.code).toBe(3);
    const error = JSON.parse(r.out).error;
    expect(error.code).toBe('ledger.damaged');
    expect(error.message).toContain('cut short');
    expect(error.message).toContain(snap);
    expect(error.hint).toContain(`behalf restore "${snap}" --yes`);
    expect(fs.statSync(ledger).size).toBe(truncatedSize);
  });

  it('a damaged snapshot is skipped for an older good one', async () => {
    const { home, snap } = await truncatedHome();
    const newer = path.join(path.dirname(snap), 'behalf-2999-01-01T00-00-00-000Z.sqlite');
    fs.writeFileSync(newer, 'not a ledger');
    const r = await cli('tenants', 'list', '--json', '--home', home);
    expect(JSON.parse(r.out).error.hint).toContain(snap);
  });

  it('behalf restore puts the snapshot in place and keeps the damaged file beside the ledger', async () => {
    const { home, ledger, snap, truncatedSize } = await truncatedHome();
    const r = await cli('restore', snap, '--yes', '--json', '--home', home);
    expect(r.code, r.out + r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.tenants).toBe(3);
    expect(fs.statSync(result.keptCurrentAs).size).toBe(truncatedSize);
    expect(path.dirname(result.keptCurrentAs)).toBe(home);
    expect(tenantNames(ledger)).toEqual(['Tenant 0', 'Tenant 1', 'Tenant 2']);
    expect(fs.statSync(ledger).mode & 0o777).toBe(0o600);
    expect((await cli('tenants', 'list', '--home', home)).code).toBe(0);
  });

  it('a file that is not SQLite at all (SQLITE_NOTADB) is damaged too', async () => {
    const home = tempDir();
    await cli('tenants', 'list', '--home', home);
    fs.writeFileSync(path.join(home, 'ledger.sqlite'), 'x'.repeat(8192));
    const r = await cli('tenants', 'list', '--json', '--home', home);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'ledger.damaged', message: expect.stringContaining('No good snapshot') });
  });
});
