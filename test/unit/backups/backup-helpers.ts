import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import { runCli } from '../../../src-main/cli/main';

/** The CLI in-process, with what it printed. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, { POSTMARK_ACCOUNT_TOKEN: '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fingerprint of every tenant row and tag, read raw: "nothing changed" means the same fingerprint. */
export function ledgerFingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM tenants ORDER BY id').all();
    const tags = db.prepare('SELECT * FROM tenant_tags ORDER BY tenant_id, tag').all();
    const audit = db.prepare('SELECT * FROM audit ORDER BY id').all();
    return crypto
      .createHash('sha256')
      .update(JSON.stringify([rows, tags, audit]))
      .digest('hex');
  } finally {
    db.close();
  }
}

export function tenantNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM tenants ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}
