import { BehalfError } from '../../src-preload/api/errors';
import { seedDraftSchema, seedProviderSchema, type Seed, type SeedDraft, type SeedImportResult } from '../../src-preload/api/sends';
import type { Db } from '../ledger/open';
import { describeZodError } from '../core/zod-errors';
import { decodeCsvBytes, ENCODING_LABEL, type CsvEncoding } from '../tenants/csv-decode';
import { seedsToCsv, validateSeedCsv } from './seed-csv';
import { SeedStore } from './seed-store';
import { writeTransaction } from '../ledger/write-transaction';

/** The seed inbox list: add, edit, remove, CSV in and out. */
export class SeedService {
  private readonly store: SeedStore;
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {
    this.store = new SeedStore(db);
  }

  list(): Seed[] {
    return this.store.list();
  }

  active(): Seed[] {
    return this.store.list().filter((s) => s.active);
  }

  findByAddress(address: string): Seed | undefined {
    return this.store.findByAddress(address);
  }

  add(draft: SeedDraft): Seed {
    const parsed = seedDraftSchema.safeParse(draft);
    if (!parsed.success) throw describeZodError(parsed.error, 'seeds.invalid');
    if (this.store.findByAddress(parsed.data.address)) {
      throw new BehalfError(
        'seeds.exists',
        `${parsed.data.address} is already a seed inbox.`,
        'Edit the existing seed instead (toggle it active, or change its provider label).',
      );
    }
    return this.store.insert(parsed.data, this.now());
  }

  update(id: number, patch: { provider?: string; active?: boolean }): Seed {
    if (patch.provider !== undefined) {
      const p = seedProviderSchema.safeParse(patch.provider);
      if (!p.success) throw describeZodError(p.error, 'seeds.invalid');
      patch = { ...patch, provider: p.data };
    }
    const seed = this.store.update(id, patch, this.now());
    if (!seed) throw notFound(id);
    return seed;
  }

  remove(id: number): void {
    if (!this.store.remove(id)) throw notFound(id);
  }

  /** All or nothing: any bad row → nothing written, every problem listed. Known addresses are updated. */
  importCsv(input: string | Uint8Array, dryRun: boolean, fileName = ''): SeedImportResult {
    const decoded = typeof input === 'string' ? { text: input, encoding: 'text', warning: undefined } : decodeCsvBytes(input, fileName);
    const { seeds, errors, rows, delimiter } = validateSeedCsv(decoded.text);
    const detected = {
      encoding: decoded.encoding in ENCODING_LABEL ? ENCODING_LABEL[decoded.encoding as CsvEncoding] : decoded.encoding,
      delimiter,
      ...(decoded.warning ? { warning: decoded.warning } : {}),
    };
    if (errors.length) return { rows, added: 0, updated: 0, errors, dryRun, detected };
    if (dryRun) {
      const known = seeds.filter((seed) => this.store.findByAddress(seed.address)).length;
      return { rows, added: seeds.length - known, updated: known, errors: [], dryRun: true, detected };
    }
    let added = 0;
    let updated = 0;
    writeTransaction(this.db, () => {
      const now = this.now();
      for (const s of seeds) {
        const known = this.store.findByAddress(s.address);
        if (known) {
          this.store.update(known.id, { provider: s.provider || known.provider, active: s.active }, now);
          updated += 1;
        } else {
          this.store.insert(s, now);
          added += 1;
        }
      }
    });
    return { rows, added, updated, errors: [], dryRun: false, detected };
  }

  exportCsv(): { csv: string; rows: number } {
    const seeds = this.store.list();
    return { csv: seedsToCsv(seeds), rows: seeds.length };
  }
}

function notFound(id: number): BehalfError {
  return new BehalfError('seeds.not-found', `There is no seed inbox ${id}.`, 'Refresh the seed list: it may have been removed meanwhile.');
}
