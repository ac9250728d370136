import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BehalfError } from '../../../src-preload/api/errors';
import { connectTeam, parseTeamUrl } from '../../../src-main/team/connection';
import { startPostgres, type PgCluster } from '../../support/postgres/cluster';

/**
 * The team connection string: the password split off (it goes to the vault), sslmode passed through to pg and
 * enforced — against a real PostgreSQL with TLS (a CA and a server certificate made here with openssl) and one
 * without.
 */
const PASSWORD = 'tls-pw-93';
const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-pg-certs-'));
let tls: PgCluster;
let plain: PgCluster;

function makeCa(name: string) {
  const key = path.join(certs, `${name}.key`);
  const crt = path.join(certs, `${name}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '2', '-subj', `/CN=${name}`], {
    stdio: 'ignore',
  });
  return { key, crt };
}

beforeAll(async () => {
  const ca = makeCa('behalf-test-ca');
  makeCa('other-ca');
  const key = path.join(certs, 'server.key');
  const csr = path.join(certs, 'server.csr');
  const crt = path.join(certs, 'server.crt');
  const ext = path.join(certs, 'san.ext');
  fs.writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=localhost'], { stdio: 'ignore' });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', ca.crt, '-CAkey', ca.key, '-CAcreateserial', '-out', crt, '-days', '2', '-extfile', ext], {
    stdio: 'ignore',
  });
  // The server reads its key as its own user, and refuses a key others can read.
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-pg-tls-'));
  for (const f of ['server.key', 'server.crt']) fs.copyFileSync(path.join(certs, f), path.join(serverDir, f));
  fs.chmodSync(path.join(serverDir, 'server.key'), 0o600);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', serverDir]);
  fs.chmodSync(serverDir, 0o755);
  tls = await startPostgres({ ssl: 'on', ssl_cert_file: path.join(serverDir, 'server.crt'), ssl_key_file: path.join(serverDir, 'server.key') });
  plain = await startPostgres();
  for (const c of [tls, plain]) await c.createTeamDatabase('team', 'behalf', PASSWORD);
}, 180_000);

afterAll(() => {
  tls?.destroy();
  plain?.destroy();
  fs.rmSync(certs, { recursive: true, force: true });
});

const expectCode = async (p: Promise<unknown>, code: string) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BehalfError);
  expect((err as BehalfError).code).toBe(code);
  expect(JSON.stringify((err as BehalfError).toShape())).not.toContain(PASSWORD);
};

describe('team connection string', { timeout: 120_000 }, () => {
  it('splits the password off and keeps sslmode', () => {
    const u = parseTeamUrl(`postgres://behalf:${PASSWORD}@db.example:5432/team?sslmode=verify-full&sslrootcert=/etc/ca.pem`);
    expect(u.password).toBe(PASSWORD);
    expect(u.sslmode).toBe('verify-full');
    expect(u.display).toBe('postgres://behalf@db.example:5432/team?sslmode=verify-full&sslrootcert=/etc/ca.pem');
  });

  it('refuses what is not a PostgreSQL URL, or an unknown sslmode', () => {
    for (const bad of ['mysql://u@h/db', 'postgres://u@h', 'postgres://h/db', 'not a url', 'postgres://u@h/db?sslmode=sometimes']) {
      expect(() => parseTeamUrl(bad), bad).toThrow(expect.objectContaining({ code: 'team.bad-url' }));
    }
  });

  it('verify-full connects over TLS to a server whose certificate the given CA signed, for its name', async () => {
    const u = parseTeamUrl(
      `postgres://behalf:${PASSWORD}@localhost:${tls.port}/team?sslmode=verify-full&sslrootcert=${path.join(certs, 'behalf-test-ca.pem')}`,
    );
    const client = await connectTeam(u.display, u.password);
    try {
      const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await client.end();
    }
  });

  it('verify-full refuses a certificate another CA signed', async () => {
    const u = parseTeamUrl(`postgres://behalf:${PASSWORD}@localhost:${tls.port}/team?sslmode=verify-full&sslrootcert=${path.join(certs, 'other-ca.pem')}`);
    await expectCode(connectTeam(u.display, u.password), 'team.tls-untrusted');
  });

  it('verify-full is required when given: a server without TLS is refused, not used in clear', async () => {
    const u = parseTeamUrl(`postgres://behalf:${PASSWORD}@127.0.0.1:${plain.port}/team?sslmode=verify-full`);
    await expectCode(connectTeam(u.display, u.password), 'team.tls-refused');
    const clear = parseTeamUrl(`postgres://behalf:${PASSWORD}@127.0.0.1:${plain.port}/team`);
    await (await connectTeam(clear.display, clear.password)).end(); // the positive control
  });

  it('names a wrong password without echoing it', async () => {
    const u = parseTeamUrl(`postgres://behalf:wrong-${PASSWORD}@127.0.0.1:${plain.port}/team`);
    await expectCode(connectTeam(u.display, u.password), 'team.auth');
  });
});
