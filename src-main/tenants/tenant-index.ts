import { TENANT_STATUSES, type Tenant } from '../../src-preload/api/tenants';
import { tenantListQuerySchema, type TenantListQuery } from '../../src-preload/api/tenant-queries';
import type { Db } from '../ledger/open';
import { bigramMask, BLOOM_WORDS, couldContain } from './bigram-bloom';

type SortKey = 'name' | 'domain' | 'option' | 'status' | 'updatedAt' | 'createdAt';
type IndexedTenant = Pick<Tenant, 'id' | 'name' | 'domain' | 'contactEmail' | 'contactName' | 'option' | 'status' | 'tags' | 'updatedAt' | 'createdAt'>;

const SEP = '\u0001'; // joins the searchable fields; no search contains it, so no match spans two fields
const STATUS_CODE = new Map<string, number>(TENANT_STATUSES.map((s, i) => [s, i]));
const ARCHIVED = STATUS_CODE.get('archived')!;

/**
 * An in-memory index of every tenant for the list view. A search over 100,000 tenants with SQL LIKE scans the
 * table in tens of milliseconds; here every tenant is a slot in flat arrays (typed arrays for status, option,
 * tags and a bigram bloom of its searchable text), each sort order is an Int32Array of slots computed once, and a
 * query is one pass over that order, so the page and the total come back in a few milliseconds. The page's full
 * rows are then read from SQLite by id. The ledger stays the source of truth: the index is rebuilt from it on open
 * and patched by the tenant service on every write.
 */
export class TenantIndex {
  private slotOf = new Map<string, number>();
  private ids: string[] = [];
  private haystacks: string[] = [];
  private names: string[] = []; // lower-cased, as name_lc
  private domains: string[] = [];
  private updated: string[] = [];
  private created: string[] = [];
  private status = new Uint8Array(0);
  private option = new Uint8Array(0); // 0 = undecided
  private tagBits = new Uint32Array(0); // one bit per interned tag (the first 32); later tags are checked by name
  private tagLists: (readonly string[])[] = [];
  private bloom = new Uint32Array(0);
  private tagIds = new Map<string, number>();
  private orders = new Map<string, Int32Array>();
  /** The last search's matching slots: typing one more key only re-checks those (see matchSearch). */
  private lastSearch: { text: string; slots: Int32Array } | null = null;

  constructor(private readonly db: Db) {
    this.reload();
  }

  reload(): void {
    const rows = this.db
      .prepare(`SELECT t.id, t.name, t.domain, t.contact_email AS contactEmail, t.contact_name AS contactName, t.option,
        t.status, t.updated_at AS updatedAt, t.created_at AS createdAt,
        (SELECT group_concat(tag, char(31)) FROM tenant_tags g WHERE g.tenant_id = t.id) AS tags FROM tenants t
        ORDER BY t.name_lc, t.id`)
      .all() as (Omit<Tenant, 'tags'> & { tags: string | null })[];
    this.slotOf = new Map();
    this.ids = [];
    this.haystacks = [];
    this.names = [];
    this.domains = [];
    this.updated = [];
    this.created = [];
    this.tagLists = [];
    this.tagIds = new Map();
    this.grow(rows.length);
    for (const r of rows) this.upsert(Object.assign(r, { tags: r.tags ? r.tags.split('\u001f') : [] }) as IndexedTenant);
    // Read in the default order (name, then id, as the SQL query sorts), so the first screen needs no sort.
    this.orders.set('name:asc', Int32Array.from({ length: rows.length }, (_, i) => i));
  }

  upsert(t: IndexedTenant): void {
    let slot = this.slotOf.get(t.id);
    if (slot === undefined) {
      slot = this.ids.length;
      if (slot >= this.status.length) this.grow(Math.max(1024, slot * 2));
      this.slotOf.set(t.id, slot);
    }
    const haystack = [t.name, t.domain, t.contactEmail, t.contactName].join(SEP).toLowerCase();
    this.ids[slot] = t.id;
    this.haystacks[slot] = haystack;
    this.names[slot] = t.name.toLowerCase();
    this.domains[slot] = t.domain;
    this.updated[slot] = t.updatedAt;
    this.created[slot] = t.createdAt;
    this.status[slot] = STATUS_CODE.get(t.status) ?? 0;
    this.option[slot] = t.option ?? 0;
    this.tagLists[slot] = t.tags;
    let bits = 0;
    for (const tag of t.tags) bits |= this.tagBit(tag, true);
    this.tagBits[slot] = bits;
    bigramMask(haystack, this.bloom, slot * BLOOM_WORDS);
    this.orders.clear(); // re-sorted lazily on the next query, once for any number of writes
    this.lastSearch = null;
  }

  /** Ids of the requested page, in order, and the number of matches. */
  query(input: TenantListQuery): { total: number; ids: string[] } {
    const q = tenantListQuerySchema.parse(input);
    const order = this.order(q.sort, q.dir);
    const search = q.search.trim().toLowerCase();
    const hideArchived = !q.includeArchived && !q.statuses.includes('archived');
    let statusMask = 0;
    for (const s of q.statuses) statusMask |= 1 << (STATUS_CODE.get(s) ?? 31);
    let optionMask = 0;
    for (const o of q.options) optionMask |= 1 << (o === 'undecided' ? 0 : o);
    const tags = q.tags.map((t) => t.toLowerCase());
    let needBits = 0;
    const slowTags: string[] = [];
    for (const t of tags) {
      const bit = this.tagBit(t, false);
      if (bit === 0) slowTags.push(t); // unknown or beyond the first 32 tags: compare by name
      else needBits |= bit;
    }
    const hits = search ? this.matchSearch(search) : null;

    const { status, option, tagBits, tagLists, ids: allIds } = this;
    const passes = (slot: number): boolean => {
      const st = status[slot]!;
      if (hideArchived && st === ARCHIVED) return false;
      if (statusMask && !(statusMask & (1 << st))) return false;
      if (optionMask && !(optionMask & (1 << option[slot]!))) return false;
      if ((needBits & ~tagBits[slot]!) !== 0) return false; // lacks a required tag
      if (slowTags.length && !slowTags.every((t) => tagLists[slot]!.includes(t))) return false;
      return true;
    };
    const end = q.offset + q.limit;
    const ids: string[] = [];
    let total = 0;
    const take = (slot: number) => {
      if (total >= q.offset && total < end) ids.push(allIds[slot]!);
      total++;
    };
    const matched = hits ? this.lastSearch!.slots : null;
    if (matched && matched.length * 16 < order.length) {
      // A selective search: put its few matches in sort order by their rank instead of walking every tenant.
      const rank = this.rank(q.sort, q.dir);
      const positions = Int32Array.from(matched, (slot) => rank[slot]!).sort();
      for (const p of positions) if (passes(order[p]!)) take(order[p]!);
    } else {
      for (let i = 0; i < order.length; i++) {
        const slot = order[i]!;
        if ((!hits || hits[slot]) && passes(slot)) take(slot);
      }
    }
    return { total, ids };
  }

  /** Position of each slot in a sort order (the inverse permutation), computed once per order. */
  private rank(key: SortKey, dir: 'asc' | 'desc'): Int32Array {
    const k = `rank:${key}:${dir}`;
    let rank = this.orders.get(k);
    if (!rank) {
      const order = this.order(key, dir);
      rank = new Int32Array(order.length);
      for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
      this.orders.set(k, rank);
    }
    return rank;
  }

  /**
   * Marks the slots whose text contains `search`. The bigram bloom rules out most non-matches with a few integer
   * tests; only the rest are checked with includes(). When the previous search is contained in this one (the next
   * keystroke), only its matches can match, so only they are checked.
   */
  private matchSearch(search: string): Uint8Array {
    const n = this.ids.length;
    const hits = new Uint8Array(n);
    const mask = bigramMask(search);
    const useBloom = mask.some((w) => w !== 0); // a one-character search has no pair to rule rows out with
    const { haystacks, bloom } = this;
    const found = new Int32Array(n);
    let nFound = 0;
    const prev = this.lastSearch && search.includes(this.lastSearch.text) ? this.lastSearch.slots : null;
    const count = prev ? prev.length : n;
    for (let k = 0; k < count; k++) {
      const slot = prev ? prev[k]! : k;
      if ((!useBloom || couldContain(bloom, slot, mask)) && haystacks[slot]!.includes(search)) {
        hits[slot] = 1;
        found[nFound++] = slot;
      }
    }
    this.lastSearch = { text: search, slots: found.slice(0, nFound) };
    return hits;
  }

  private tagBit(tag: string, intern: boolean): number {
    let id = this.tagIds.get(tag);
    if (id === undefined && intern) this.tagIds.set(tag, (id = this.tagIds.size));
    return id !== undefined && id < 32 ? (1 << id) >>> 0 : 0;
  }

  private grow(capacity: number): void {
    const copy = <A extends Uint8Array | Uint32Array>(old: A, make: (n: number) => A, width = 1): A => {
      const next = make(capacity * width);
      next.set(old.subarray(0, Math.min(old.length, next.length)));
      return next;
    };
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.option = copy(this.option, (n) => new Uint8Array(n));
    this.tagBits = copy(this.tagBits, (n) => new Uint32Array(n));
    this.bloom = copy(this.bloom, (n) => new Uint32Array(n), BLOOM_WORDS);
  }

  private order(key: SortKey, dir: 'asc' | 'desc'): Int32Array {
    const k = `${key}:${dir}`;
    let order = this.orders.get(k);
    if (!order) {
      order = this.sortSlots(key, dir);
      this.orders.set(k, order);
    }
    return order;
  }

  /** Slots sorted by one column, ties by id ascending in both directions, exactly as the SQL query orders them. */
  private sortSlots(key: SortKey, dir: 'asc' | 'desc'): Int32Array {
    const sign = dir === 'asc' ? 1 : -1;
    const ids = this.ids;
    const col: ArrayLike<string | number> =
      key === 'name' ? this.names : key === 'domain' ? this.domains : key === 'option' ? this.option : key === 'status' ? this.statusNames() : key === 'updatedAt' ? this.updated : this.created;
    const slots = Array.from({ length: ids.length }, (_, i) => i);
    slots.sort((a, b) => {
      const x = col[a]!;
      const y = col[b]!;
      if (x !== y) return (x < y ? -1 : 1) * sign;
      return ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0;
    });
    return Int32Array.from(slots);
  }

  private statusNames(): string[] {
    return Array.from(this.status.subarray(0, this.ids.length), (c) => TENANT_STATUSES[c]!);
  }
}
