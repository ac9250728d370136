import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Db } from '../../../src-main/ledger/open';
import { tenantOwningDomain } from '../../../src-main/ledger/tenants-repo';

/** A tenant row as the ledger holds it (only what ownership reads matters here). */
function addTenant(db: Db, id: string, domain: string, createdAt: string): void {
  db.prepare(
    `INSERT INTO tenants (id, name, name_lc, contact_name, contact_email, domain, from_address, from_name, option, status,
       notes, created_at, updated_at)
     VALUES (?, ?, lower(?), '', '', ?, '', '', NULL, 'draft', '', ?, ?)`,
  ).run(id, `Tenant ${id}`, `Tenant ${id}`, domain, createdAt, createdAt);
}

describe('tenantOwningDomain', () => {
  let db: Db | undefined;
  let dir: string | undefined;
  afterEach(() => {
    db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const ledger = () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-owner-'));
    db = openLedger(path.join(dir, 'ledger.sqlite'));
    return db;
  };

  it('finds the tenant of the domain, else of its closest parent; the oldest when two share one', () => {
    const db = ledger();
    addTenant(db, 'parent', 'acme.example', '2025-01-02T00:00:00.000Z');
    addTenant(db, 'child', 'shop.acme.example', '2025-01-03T00:00:00.000Z');
    addTenant(db, 'older-child', 'shop.acme.example', '2025-01-01T00:00:00.000Z');
    expect(tenantOwningDomain(db, 'acme.example')?.id).toBe('parent');
    expect(tenantOwningDomain(db, 'shop.acme.example')?.id).toBe('older-child');
    expect(tenantOwningDomain(db, 'mail.shop.acme.example')?.id).toBe('older-child');
    expect(tenantOwningDomain(db, 'news.acme.example')?.id).toBe('parent');
  });

  it('matches whole labels only', () => {
    const db = ledger();
    addTenant(db, 'acme', 'acme.example', '2025-01-01T00:00:00.000Z');
    expect(tenantOwningDomain(db, 'notacme.example')).toBeNull();
    expect(tenantOwningDomain(db, 'example')).toBeNull();
    expect(tenantOwningDomain(db, 'other.test')).toBeNull();
  });

  it('reads tenants through the domain index, not a scan of every tenant', () => {
    const db = ledger();
    addTenant(db, 'acme', 'acme.example', '2025-01-01T00:00:00.000Z');
    const probes: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      if (/FROM tenants WHERE domain/.test(sql)) probes.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    tenantOwningDomain(db, 'mail.acme.example');
    expect(probes).toHaveLength(1);
    const plan = prepare(`EXPLAIN QUERY PLAN ${probes[0]}`)
      .all(JSON.stringify(['mail.acme.example']))
      .map((r) => (r as { detail: string }).detail);
    expect(plan.join('\n')).toMatch(/SEARCH tenants USING INDEX tenants_domain/);
    expect(plan.join('\n')).not.toMatch(/SCAN tenants/);
  });
});
