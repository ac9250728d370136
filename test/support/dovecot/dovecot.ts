import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real dovecot IMAP server on loopback for one test file: its own config, passwd-file user and Maildir in a
 * temp folder, on a free non-privileged port, plaintext login allowed (loopback only). Started and stopped
 * by the test; nothing system-wide is touched. When dovecot is not installed the test FAILS with the way to
 * get it (the `npm test` preflight installs Debian's dovecot-imapd) — a skipped IMAP test proves nothing.
 */
export const DOVECOT = process.env.BEHALF_DOVECOT ?? '/usr/sbin/dovecot';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

export function requireDovecot(): void {
  if (!fs.existsSync(DOVECOT)) {
    throw new Error(
      `dovecot is not installed (${DOVECOT} is missing): the IMAP tests need a real IMAP server. Install Debian's dovecot-imapd (apt-get install dovecot-imapd) or run npm test, whose preflight does.`,
    );
  }
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Mail files belong to an unprivileged user: dovecot refuses to serve mail as root. */
function mailOwner(): { uid: number; gid: number; loginUser: string; internalUser: string } {
  const uid = process.getuid?.() ?? 1000;
  const gid = process.getgid?.() ?? 1000;
  if (uid !== 0) {
    const me = os.userInfo().username;
    return { uid, gid, loginUser: me, internalUser: me };
  }
  return { uid: 65534, gid: 65534, loginUser: 'dovenull', internalUser: 'dovecot' };
}

/** `junkFolder`: a folder dovecot announces with the \Junk special-use flag (RFC 6154), created on login. */
export async function startDovecot(opts: { junkFolder?: string } = {}): Promise<Dovecot> {
  requireDovecot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-dovecot-'));
  const port = await freePort();
  const user = 'rua';
  const password = 'rua-secret-123';
  const owner = mailOwner();
  for (const d of ['run', 'state', 'home']) fs.mkdirSync(path.join(dir, d));
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  if (process.getuid?.() === 0) fs.chownSync(path.join(dir, 'home'), owner.uid, owner.gid);
  fs.chmodSync(dir, 0o755);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${owner.loginUser}
default_internal_user = ${owner.internalUser}
first_valid_uid = 1
mail_location = maildir:${dir}/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u
}
namespace inbox {
  inbox = yes
  separator = /${
    opts.junkFolder
      ? `
  mailbox "${opts.junkFolder}" {
    special_use = \\Junk
    auto = create
  }`
      : ''
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  await waitForPort(port, child, () => output + readLog(dir));
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

async function waitForPort(port: number, child: ChildProcess, why: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}) before listening:\n${why()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`dovecot did not listen on 127.0.0.1:${port} within 15 s:\n${why()}`);
}

/** One dovecot for the calling test file: started before its tests (failing them when it cannot be), stopped after. */
export function useDovecot(opts: { junkFolder?: string } = {}): () => Dovecot {
  let dove: Dovecot | undefined;
  let failure: unknown;
  // Vitest reports the tests of a failed beforeAll as *skipped*; keep the reason and fail each test with it instead.
  beforeAll(async () => {
    try {
      dove = await startDovecot(opts);
    } catch (err) {
      failure = err;
    }
  }, 30_000);
  afterAll(async () => {
    await dove?.stop();
  });
  return () => {
    if (!dove) throw failure instanceof Error ? failure : new Error(`dovecot did not start: ${String(failure)}`);
    return dove;
  };
}
