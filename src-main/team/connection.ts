import type pg from 'pg';
import { pgModule } from './pg-module';
import { BehalfError } from '../../src-preload/api/errors';

/** The vault entry of the team database password (kept like the Postmark tokens, never in the ledger). */
export const TEAM_PASSWORD_SECRET = 'team.postgres-password';
/** Where the CLI and browser host (memory vault) find it in a new process. */
export const TEAM_PASSWORD_ENV = 'BEHALF_TEAM_PASSWORD';

const SSL_MODES = ['disable', 'no-verify', 'require', 'verify-ca', 'verify-full'] as const;

export interface TeamUrl {
  /** The connection string without its password: what the ledger keeps and what messages show. */
  display: string;
  password: string | undefined;
  sslmode: (typeof SSL_MODES)[number] | undefined;
}

/**
 * Splits a `postgres://user:password@host:port/db?sslmode=verify-full&sslrootcert=…` string into what may be shown
 * and the password. Anything else than a postgres URL with a host and a database is refused with what to type.
 */
export function parseTeamUrl(raw: string): TeamUrl {
  const bad = (why: string) =>
    new BehalfError(
      'team.bad-url',
      `That is not a PostgreSQL connection string: ${why}.`,
      'Use postgres://USER@HOST:5432/DATABASE (add ?sslmode=verify-full for TLS).',
    );
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw bad('it does not parse as a URL');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw bad(`it starts with ${u.protocol}// instead of postgres://`);
  if (!u.hostname) throw bad('it names no host');
  if (u.pathname.length <= 1) throw bad('it names no database');
  if (!u.username) throw bad('it names no user');
  const sslmode = u.searchParams.get('sslmode') ?? undefined;
  if (sslmode !== undefined && !(SSL_MODES as readonly string[]).includes(sslmode)) throw bad(`sslmode=${sslmode} is not one of ${SSL_MODES.join(', ')}`);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { display: u.toString(), password, sslmode: sslmode as TeamUrl['sslmode'] };
}

/** The client options for a stored URL and its password (from the vault), TLS options passed through to pg. */
export function clientConfig(display: string, password: string | undefined): pg.ClientConfig {
  const u = new URL(display);
  if (password !== undefined) u.password = encodeURIComponent(password);
  // pg reads sslmode / sslrootcert / sslcert / sslkey from the string itself (verify-full checks the host name).
  return { connectionString: u.toString(), connectionTimeoutMillis: 5000, keepAlive: true, application_name: 'behalf' };
}

/** Opens a connection, turning pg's failures into a BehalfError that names the server but never the password. */
export async function connectTeam(display: string, password: string | undefined): Promise<pg.Client> {
  const client = new (pgModule().Client)(clientConfig(display, password));
  // An idle client whose server went away emits 'error'; the runner notices on its next query instead of crashing.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw explainConnectError(err, display);
  }
}

export function explainConnectError(err: unknown, display: string): BehalfError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  if (/does not support SSL/i.test(message)) {
    return new BehalfError(
      'team.tls-refused',
      `${display} does not offer TLS, and the connection string asks for it (sslmode).`,
      "Turn on ssl in the server's postgresql.conf, or ask your database admin for the TLS address.",
    );
  }
  if (/self[- ]signed|unable to verify|certificate|altnames|Hostname\/IP/i.test(message)) {
    return new BehalfError(
      'team.tls-untrusted',
      `The certificate of ${display} could not be verified: ${message}.`,
      'Give the CA that signed it with sslrootcert=/path/to/ca.pem, and connect by the name on the certificate.',
    );
  }
  if (code === '28P01' || code === '28000') {
    return new BehalfError(
      'team.auth',
      `PostgreSQL refused the login for ${display}.`,
      `Check the user and password (the password is kept in the vault; in the CLI set ${TEAM_PASSWORD_ENV}).`,
    );
  }
  return new BehalfError(
    'team.unreachable',
    `Cannot reach the team database ${display}: ${message}.`,
    'Check the address and that the server is running; this console keeps working offline and sends its changes later.',
  );
}
