import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TENANT_STATUSES } from '../../../src-preload/api/tenants';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { ledgerFile } from '../../../src-main/app/paths';

const FIRST = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Wonka',
  'Cyberdyne',
  'Aperture',
  'Gringotts',
  'Oscorp',
  'Massive',
];
const SECOND = ['Logistics', 'Bakery', 'Dental', 'Labs', 'Travel', 'Media', 'Foods', 'Legal', 'Software', 'Garden', 'Motors', 'Health'];
const PEOPLE = ['Ana Silva', 'Bo Chen', 'Chloé Martin', 'Dev Patel', 'Eva Novak', 'Femi Ade', 'Gus Olsen', 'Hana Sato', 'Ivo Kral', 'Jo Park'];
const TAGS = ['vip', 'eu', 'us', 'trial', 'legacy', 'agency'];

/** Deterministic tenant i: the same ledger every run, so figures compare across runs. */
export function benchTenant(i: number) {
  const name = `${FIRST[i % FIRST.length]} ${SECOND[(i >> 4) % SECOND.length]} ${i}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const person = PEOPLE[(i * 7) % PEOPLE.length]!;
  const option = [null, 1, 2, 3][i % 4] ?? null;
  // Mostly live/awaiting, some archived, like a ledger a few years old.
  const status = TENANT_STATUSES[(i * 13) % TENANT_STATUSES.length]!;
  const at = new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString();
  const tags = [TAGS[i % TAGS.length]!, ...(i % 5 === 0 ? [TAGS[(i + 1) % TAGS.length]!] : [])];
  return {
    id: `t_${i.toString(16).padStart(16, '0')}`,
    name,
    domain: `${slug}.example`,
    person,
    email: `${person.split(' ')[0]!.toLowerCase()}@${slug}.example`,
    option,
    status,
    at,
    tags,
  };
}

/**
 * A data directory whose ledger holds `n` tenants, written with one prepared INSERT in one transaction
 * (seconds for 100,000, where the audited service path takes minutes). Cached per n under the OS temp dir.
 */
export function tenantHome(n: number): string {
  const home = path.join(os.tmpdir(), `behalf-bench-tenants-${n}`);
  const done = path.join(home, '.complete');
  if (fs.existsSync(done)) return home;
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const db = openLedger(ledgerFile(home));
  insertBenchTenants(db, n);
  db.close();
  fs.writeFileSync(done, String(n));
  return home;
}

/** Writes tenants 0…n−1 (benchTenant) into an open ledger, in one transaction. */
export function insertBenchTenants(db: Db, n: number): void {
  const insert = db.prepare(`INSERT INTO tenants (id, name, name_lc, contact_name, contact_email, domain, from_address, from_name,
    option, status, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`);
  const tag = db.prepare('INSERT INTO tenant_tags (tenant_id, tag) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const t = benchTenant(i);
      insert.run(
        t.id,
        t.name,
        t.name.toLowerCase(),
        t.person,
        t.email,
        t.domain,
        t.option === 2 ? `news@${t.domain}` : '',
        t.name,
        t.option,
        t.status,
        t.at,
        t.at,
      );
      for (const g of t.tags) tag.run(t.id, g);
    }
  })();
}

/** A fresh, empty data directory (schema only). */
export function emptyHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-bench-empty-'));
  openLedger(ledgerFile(home)).close();
  return home;
}
