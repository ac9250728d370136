import { randomUUID } from 'node:crypto';
import { BehalfError } from '../../src-preload/api/errors';
import type { CsvImportResult, TenantListQuery, TenantPage } from '../../src-preload/api/tenant-queries';
import {
  tenantDraftSchema,
  tenantPatchSchema,
  type AuditEntry,
  type Tenant,
  type TenantStatus,
  type TenantDraft,
  type TenantDraftParsed,
  type TenantPatch,
} from '../../src-preload/api/tenants';
import type { CommitWitness } from '../core/commit-witness';
import type { EventBus } from '../core/event-bus';
import { AuditRepo } from '../ledger/audit-repo';
import type { Db } from '../ledger/open';
import { TenantsRepo } from '../ledger/tenants-repo';
import { assertTransition } from '../domain/status';
import { planImport } from './import-plan';
import { TenantIndex } from './tenant-index';
import { describeZodError } from '../core/zod-errors';
import { writeTransaction } from '../ledger/write-transaction';
import { tenantIdsByNameOrDomain } from '../ledger/tenants-repo';

const AUDITED_FIELDS = ['name', 'contactName', 'contactEmail', 'domain', 'fromAddress', 'fromName', 'option', 'status', 'tags', 'notes'] as const;

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

export interface TenantServiceDeps {
  db: Db;
  bus: EventBus;
  now?: () => string;
  newId?: () => string;
}

/** The tenant ledger's rules: validation, uniqueness, audit of every change, all-or-nothing CSV import. */
export class TenantService {
  private readonly repo: TenantsRepo;
  private readonly audit: AuditRepo;
  private readonly now: () => string;
  private readonly newId: () => string;
  private readonly index: TenantIndex;

  constructor(private readonly deps: TenantServiceDeps) {
    this.repo = new TenantsRepo(deps.db);
    this.index = new TenantIndex(deps.db);
    this.audit = new AuditRepo(deps.db);
    this.now = deps.now ?? (() => new Date().toISOString());
    this.newId = deps.newId ?? (() => `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`);
  }

  /** See TenantIndex.siblingWitness: the team's connection tells the index around its commits. */
  siblingWitness(siblingVersion: () => number): CommitWitness {
    return this.index.siblingWitness(siblingVersion);
  }

  /** Filter and sort in the in-memory index, then read just the page's rows from the ledger. */
  list(query: TenantListQuery): TenantPage {
    const { total, ids } = this.index.query(query);
    return { total, offset: query.offset ?? 0, rows: this.repo.getMany(ids) };
  }

  /** Every tenant in one of `statuses`, in name order, in one read (the list's pages stop at 500 rows). */
  withStatuses(statuses: readonly TenantStatus[]): Tenant[] {
    return this.repo.withStatuses(statuses);
  }

  /**
   * Every tenant that uses `option`, archived ones left out, in name order, in one read: what paging `list` by 500
   * gave, without OFFSET pages (quadratic in SQL while the index loads: 4.6 s for 21,000 option-1 tenants).
   */
  withOption(option: 1 | 2 | 3): Tenant[] {
    return this.repo.withOption(option);
  }

  get(id: string): Tenant {
    const t = this.repo.get(id);
    if (!t) throw new BehalfError('tenant.not-found', `No tenant with id ${id}.`, 'It may have been removed; reload the tenants list.');
    return t;
  }

  /** Finds by id, exact name (case-insensitive) or domain: what a person types on the command line. */
  find(ref: string): Tenant {
    const direct = this.repo.get(ref);
    if (direct) return direct;
    const row = tenantIdsByNameOrDomain(this.deps.db, ref.trim().toLowerCase());
    if (row.length === 0)
      throw new BehalfError('tenant.not-found', `No tenant matches "${ref}".`, 'Use the id, the exact name or the domain (behalf tenants list shows them).');
    return this.get(row[0]!);
  }

  count(): number {
    return this.repo.count();
  }

  tags() {
    return this.repo.tags();
  }

  auditTrail(id: string): AuditEntry[] {
    this.get(id);
    return this.audit.list(id);
  }

  create(input: TenantDraft): Tenant {
    const draft = this.parseDraft(input);
    const t = this.write(() => this.insertDraft(draft));
    this.deps.bus.emit('tenants.changed', { ids: [t.id], reason: 'created' });
    return t;
  }

  update(id: string, patchInput: TenantPatch): Tenant {
    const parsed = tenantPatchSchema.safeParse(patchInput);
    if (!parsed.success) throw describeZodError(parsed.error);
    const patch = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k in (patchInput as object)));
    const updated = this.write(() => {
      const before = this.get(id);
      const after: Tenant = { ...before, ...patch, updatedAt: this.now() } as Tenant;
      if (after.domain !== before.domain) this.assertDomainFree(after.domain, id);
      if (after.status !== before.status) assertTransition(before.status, after.status);
      const changes = AUDITED_FIELDS.filter((f) => show(before[f]) !== show(after[f]));
      if (changes.length === 0) return before;
      this.repo.update(after, before);
      this.index.upsert(after);
      for (const f of changes) {
        this.audit.append({ tenantId: id, at: after.updatedAt, action: 'updated', field: f, oldValue: show(before[f]), newValue: show(after[f]) });
      }
      return after;
    });
    this.deps.bus.emit('tenants.changed', { ids: [id], reason: 'updated' });
    return updated;
  }

  /** Records a non-field event (provisioning step, check, send…) in the tenant's trail. */
  record(id: string, action: string, detail?: string): void {
    this.audit.append({ tenantId: id, at: this.now(), action, newValue: detail ?? null });
  }

  /**
   * A tenants file (bytes, decoded here; or text) or a pasted block: checked whole, written only when every row
   * is valid and `dryRun` is off. The result says what was detected and previews the rows (issue #22).
   */
  importCsv(
    input: string | Uint8Array,
    dryRun: boolean,
    opts: { source?: 'file' | 'paste'; fileName?: string } = {},
  ): CsvImportResult & { needsConsent: boolean } {
    const { drafts, errors, notes, rows, detected, preview, needsConsent } = planImport(input, opts.source, opts.fileName);
    for (const { line, draft } of drafts) {
      const other = this.repo.findOtherByDomain(draft.domain);
      if (other) errors.push({ row: line, field: 'domain', message: `${draft.domain} already belongs to tenant "${other.name}".` });
    }
    errors.sort((a, b) => a.row - b.row);
    const report = { rows, errors, dryRun, detected, notes, preview, needsConsent };
    if (errors.length > 0 || dryRun) return { ...report, imported: 0 };
    // All or nothing, in one write transaction; everything but the SQL itself (ids, the in-memory index) happens
    // outside it, so other processes wait only for the inserts (docs/ledger-concurrency.md has the figures).
    const at = this.now();
    const tenants: Tenant[] = drafts.map(({ draft }) => ({ ...draft, id: this.newId(), status: 'draft', createdAt: at, updatedAt: at }));
    this.write(() => {
      for (const t of tenants) this.insertRow(t);
    });
    for (const t of tenants) this.index.upsert(t);
    const ids = tenants.map((t) => t.id);
    this.deps.bus.emit('tenants.changed', { ids: ids.length > 1000 ? [] : ids, reason: 'imported' });
    return { ...report, imported: ids.length };
  }

  /** One transaction; if it rolls back, the in-memory index is rebuilt so it never shows a write that did not happen. */
  private write<T>(fn: () => T): T {
    try {
      return writeTransaction(this.deps.db, fn);
    } catch (err) {
      this.index.reload();
      throw err;
    }
  }

  private parseDraft(input: TenantDraft): TenantDraftParsed {
    const parsed = tenantDraftSchema.safeParse(input);
    if (!parsed.success) throw describeZodError(parsed.error);
    return parsed.data;
  }

  private assertDomainFree(domain: string, exceptId = ''): void {
    const other = this.repo.findOtherByDomain(domain, exceptId);
    if (other) {
      throw new BehalfError('tenant.domain-taken', `${domain} already belongs to tenant "${other.name}".`, 'Open that tenant instead, or archive it first.');
    }
  }

  private insertDraft(draft: TenantDraftParsed): Tenant {
    const at = this.now();
    const t: Tenant = { ...draft, id: this.newId(), status: 'draft', createdAt: at, updatedAt: at };
    this.insertRow(t);
    this.index.upsert(t);
    return t;
  }

  /** The ledger rows of a new tenant (inside a write transaction); the caller patches the index. */
  private insertRow(t: Tenant): void {
    this.assertDomainFree(t.domain);
    this.repo.insert(t);
    this.audit.append({ tenantId: t.id, at: t.createdAt, action: 'created', newValue: `${t.name} (${t.domain})` });
  }
}
