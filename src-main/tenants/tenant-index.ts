import { TENANT_STATUSES, type Tenant } from '../../src-preload/api/tenants';
import { tenantListQuerySchema, type TenantListQuery } from '../../src-preload/api/tenant-queries';
import type { Db } from '../ledger/open';
import { unicodeAddress, unicodeDomain } from '../../src-preload/api/domain-input';
import { searchTenants } from '../ledger/tenant-search-repo';
import { charMask, CHAR_MASK_WORDS } from './char-mask';
import { BuildStart } from './build-start';
import { SegmentIndex } from './segment-index';
import { sortSlots } from './sort-slots';
import { matchSearch, SearchScratch } from './match-search';
import { hasMoreTenantsThan, tagsOfTenants, tenantIndexRows, tenantIndexSlice } from '../ledger/tenants-repo';
import type { CommitWitness } from '../core/commit-witness';

type SortKey = 'name' | 'domain' | 'option' | 'status' | 'updatedAt' | 'createdAt';
type IndexedTenant = Pick<Tenant, 'id' | 'name' | 'domain' | 'contactEmail' | 'contactName' | 'option' | 'status' | 'tags' | 'updatedAt' | 'createdAt'>;

const SEP = '\u0001'; // joins the searchable fields; no search contains it, so no match spans two fields
const STATUS_CODE = new Map<string, number>(TENANT_STATUSES.map((s, i) => [s, i]));
const ARCHIVED = STATUS_CODE.get('archived')!;
/** A ledger of fewer tenants than this is read at once (then complete); a bigger one per slice (~10 ms each idle). */
const FIRST_SLICE = 5000;
const SLICE = 1000;

/**
 * An in-memory index of every tenant for the list view. SQL LIKE over 100,000 tenants takes tens of milliseconds;
 * here each tenant is a slot in flat arrays (typed arrays for status, option, tags and a character mask of its
 * searchable text, plus its text's distinct segments), each sort order an Int32Array of slots computed once, and a
 * query one pass over that order: page and total in a few milliseconds, the page's rows then read by id. The
 * ledger stays the source of truth: the index is rebuilt from it on open, patched by the tenant service on writes.
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
  private chars = new Uint32Array(0);
  private segments = new SegmentIndex();
  private tagIds = new Map<string, number>();
  private orders = new Map<string, Int32Array>();
  /** Tenants per (status, option) pair: the total of a query filtered only by those is a sum, not a scan. */
  private cells = new Int32Array(TENANT_STATUSES.length * 4);
  /** The last search's matching slots: typing one more key only re-checks those (see matchSearch). */
  private lastSearch: { text: string; slots: Int32Array } | null = null;
  /** The arrays each search fills, reused (match-search.ts). */
  private readonly scratch = new SearchScratch();

  /**
   * SQLite's data_version changes when ANOTHER connection commits (the CLI, a second window): then the index is
   * stale and is rebuilt, with SQL answering meanwhile. Our own writes do not change it; they patch the index.
   */
  private dataVersion: number;

  constructor(private readonly db: Db) {
    this.dataVersion = this.readDataVersion();
    this.reload(true);
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** False while a big ledger is still being read in slices; queries are then answered by SQL. */
  ready = false;
  private build: { generation: number; after: [string, string] | null; writes: boolean } = { generation: 0, after: null, writes: false };
  private readonly buildStart = new BuildStart(() => void (this.readSlice(SLICE) || this.readSoon(this.build.generation)));

  /**
   * Rebuilds from the ledger. A small ledger is read at once; a big one in slices between other work, so the app answers (from SQL)
   * while 100,000 tenants load and no slice holds the event loop long. At open, a big one waits for the first screen (build-start.ts).
   */
  reload(atOpen = false): void {
    this.buildStart.cancel();
    this.slotOf = new Map();
    this.ids = [];
    this.haystacks = [];
    this.names = [];
    this.domains = [];
    this.updated = [];
    this.created = [];
    this.tagLists = [];
    this.tagIds = new Map();
    this.segments = new SegmentIndex();
    this.cells.fill(0);
    this.orders.clear();
    this.lastSearch = null;
    this.ready = false;
    this.build = { generation: this.build.generation + 1, after: null, writes: false };
    if (atOpen && hasMoreTenantsThan(this.db, FIRST_SLICE - 1)) this.buildStart.wait();
    else if (!this.readSlice(FIRST_SLICE)) this.readSoon(this.build.generation);
  }

  /** Waits until every tenant is in the index (benchmarks and tests that must measure the index itself). */
  async whenReady(): Promise<void> {
    while (!this.ready) await new Promise((r) => setTimeout(r, 5));
  }

  private readSoon(generation: number): void {
    // unref: a CLI command exits without waiting for an index it did not need.
    setTimeout(() => {
      if (generation !== this.build.generation) return; // a newer reload took over
      if (!this.readSlice(SLICE)) this.readSoon(generation);
    }).unref?.();
  }

  /** Reads the next `limit` tenants in name order; true when the whole ledger is in. */
  private readSlice(limit: number): boolean {
    const after = this.build.after;
    const rows = tenantIndexSlice(this.db, after ?? undefined, limit);
    const writes = this.build.writes;
    this.placeRows(rows);
    this.build.writes = writes; // place() marks writes; reading is not one
    const last = rows[rows.length - 1];
    if (last) this.build.after = [last[9], last[0]];
    if (rows.length === limit) return false;
    this.ready = true;
    // Read in the default order (name, then id, as the SQL query sorts): unless a write came in between, the
    // slots already are that order, and the first screen needs no sort.
    this.orders.clear();
    if (!writes)
      this.orders.set(
        'name:asc',
        Int32Array.from({ length: this.ids.length }, (_, i) => i),
      );
    return true;
  }

  private placeRows(rows: ReturnType<typeof tenantIndexSlice>): void {
    const tagsOf = new Map<string, string[]>();
    const tagRows = tagsOfTenants(
      this.db,
      rows.map((r) => r[0]),
    );
    for (const [id, tag] of tagRows) {
      const list = tagsOf.get(id);
      if (list) list.push(tag);
      else tagsOf.set(id, [tag]);
    }
    for (const [id, name, domain, contactEmail, contactName, option, status, updatedAt, createdAt] of rows) {
      const slot = this.place({ id, name, domain, option, status, updatedAt, createdAt, tags: tagsOf.get(id) ?? [] });
      this.setText(slot, name, domain, contactEmail, contactName);
    }
  }

  /**
   * A witness for another connection of this process (the team's; `siblingVersion` reads its data_version). Its
   * commits move our data_version like any other connection's, and the next query would rebuild every tenant —
   * on each change the team applies, each push it records. When nothing else committed around one, the index
   * patches just the tenants it touched and stays current. "Nothing else": the sibling's data_version moves on
   * every commit but its own, ours on every commit but ours. Read sibling then ours before, ours then sibling
   * after, so a third connection committing at any moment moves one of the numbers compared (the sibling's
   * before/after, or ours against the version the index last saw).
   */
  siblingWitness(siblingVersion: () => number): CommitWitness {
    return {
      around: (commit, touched) => {
        const siblingBefore = siblingVersion();
        const oursBefore = this.readDataVersion();
        const result = commit();
        const oursAfter = this.readDataVersion();
        if (siblingVersion() !== siblingBefore || oursBefore !== this.dataVersion) return result; // the next query rebuilds
        const ids = touched(result);
        if (ids !== 'all' && this.refresh(ids)) this.dataVersion = oursAfter;
        return result;
      },
    };
  }

  /** Re-reads these tenants into the index; false when that is not worth it or one is gone (the caller rebuilds). */
  private refresh(ids: readonly string[]): boolean {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return true;
    if (unique.length > SLICE) return false; // a rebuild in slices holds the event loop less than one big patch
    const rows = tenantIndexRows(this.db, unique);
    if (rows.length !== unique.length) return false; // deleted: slots are never removed, so rebuild
    this.placeRows(rows);
    return true;
  }

  upsert(t: IndexedTenant): void {
    const slot = this.place(t);
    this.setText(slot, t.name, t.domain, t.contactEmail, t.contactName);
  }

  private setText(slot: number, name: string, domain: string, email: string, contact: string): void {
    // An internationalised domain is found by its A-label (stored) and its U-label (what people type): issue #22.
    // A field that another field contains adds no match (a search never spans fields), only scanning time: the
    // domain is usually inside the contact address, and the address's U-label form is usually the address itself.
    const emailLc = email.toLowerCase();
    const shownEmailLc = unicodeAddress(email).toLowerCase();
    const shown = unicodeDomain(domain).toLowerCase();
    const fields = [name.toLowerCase(), emailLc, contact.toLowerCase()];
    if (shownEmailLc !== emailLc) fields.push(shownEmailLc);
    if (!emailLc.includes(domain.toLowerCase())) fields.push(domain.toLowerCase());
    if (shown !== domain.toLowerCase() && !shownEmailLc.includes(shown)) fields.push(shown);
    const haystack = fields.join(SEP);
    this.haystacks[slot] = haystack;
    charMask(haystack, this.chars, slot * CHAR_MASK_WORDS);
    this.segments.set(slot, haystack);
    this.lastSearch = null;
  }

  /** Everything but the search text; returns the tenant's slot. */
  private place(t: Omit<IndexedTenant, 'contactEmail' | 'contactName'>): number {
    let slot = this.slotOf.get(t.id);
    if (slot !== undefined) this.cells[this.status[slot]! * 4 + this.option[slot]!]!--;
    if (slot === undefined) {
      slot = this.ids.length;
      if (slot >= this.status.length) this.grow(Math.max(1024, slot * 2));
      this.slotOf.set(t.id, slot);
    }
    this.ids[slot] = t.id;
    this.names[slot] = t.name.toLowerCase();
    this.domains[slot] = t.domain;
    this.updated[slot] = t.updatedAt;
    this.created[slot] = t.createdAt;
    this.status[slot] = STATUS_CODE.get(t.status) ?? 0;
    this.option[slot] = t.option ?? 0;
    this.cells[this.status[slot]! * 4 + this.option[slot]!]!++;
    this.tagLists[slot] = t.tags;
    let bits = 0;
    for (const tag of t.tags) bits |= this.tagBit(tag, true);
    this.tagBits[slot] = bits;
    this.build.writes = true;
    this.orders.clear(); // re-sorted lazily on the next query, once for any number of writes
    this.lastSearch = null;
    return slot;
  }

  /** Ids of the requested page, in order, and the number of matches. */
  query(input: TenantListQuery): { total: number; ids: string[] } {
    const q = tenantListQuerySchema.parse(input);
    const version = this.readDataVersion();
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.reload();
    }
    if (!this.ready) {
      const page = searchTenants(this.db, q); // still loading: the plain SQL query gives the same answer
      this.buildStart.pageAnswered();
      return { total: page.total, ids: page.rows.map((r) => r.id) };
    }
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
      if (bit === 0)
        slowTags.push(t); // unknown or beyond the first 32 tags: compare by name
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
    /** Fills the page from the sort order, stopping at its end (the total is counted apart). */
    const pageInOrder = (marked: Uint8Array | null) => {
      for (let i = 0, seen = 0; i < order.length && seen < end; i++) {
        const slot = order[i]!;
        if ((marked !== null && marked[slot] !== 1) || !passes(slot)) continue;
        if (seen >= q.offset) ids.push(allIds[slot]!);
        seen++;
      }
    };
    const matched = hits ? this.lastSearch!.slots : null;
    if (!hits && needBits === 0 && slowTags.length === 0) {
      // Filtered by status and option at most: the total is a sum of counts, and the walk stops at the page's end.
      let counted = 0;
      for (let st = 0; st < TENANT_STATUSES.length; st++) {
        if ((hideArchived && st === ARCHIVED) || (statusMask && !(statusMask & (1 << st)))) continue;
        for (let op = 0; op < 4; op++) if (!optionMask || optionMask & (1 << op)) counted += this.cells[st * 4 + op]!;
      }
      for (let i = 0; i < order.length && total < end; i++) if (passes(order[i]!)) take(order[i]!);
      total = counted;
    } else if (matched && matched.length * 16 < order.length) {
      // A selective search: put its few matches in sort order by their rank instead of walking every tenant.
      const rank = this.rank(q.sort, q.dir);
      const positions = Int32Array.from(matched, (slot) => rank[slot]!).sort();
      for (const p of positions) if (passes(order[p]!)) take(order[p]!);
    } else if (matched && hits) {
      // A broad search: count over its matches in any order, then walk the sort order only to the page's end.
      if (!statusMask && !optionMask && !needBits && !slowTags.length) {
        // The search alone (the usual case): only archived tenants can drop out, a tight loop over 100,000 matches.
        if (hideArchived) for (let k = 0; k < matched.length; k++) total += status[matched[k]!] === ARCHIVED ? 0 : 1;
        else total = matched.length;
      } else for (let k = 0; k < matched.length; k++) if (passes(matched[k]!)) total++;
      pageInOrder(hits);
    } else {
      // Tags, no search: count in slot order, tag bits first, then walk the sort order to the page's end only. Walking
      // the whole order for both took 7–13 ms at 1,000,000 tenants (P1-1M), this 3.4–4.5 ms.
      for (let slot = 0; slot < allIds.length; slot++) if ((needBits & ~tagBits[slot]!) === 0 && passes(slot)) total++;
      pageInOrder(null);
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

  /** Marks the slots whose text contains `search` (match-search.ts), remembering them for the next keystroke. */
  private matchSearch(search: string): Uint8Array {
    const { hits, slots } = matchSearch(search, {
      count: this.ids.length,
      haystacks: this.haystacks,
      chars: this.chars,
      segments: this.segments,
      last: this.lastSearch,
      scratch: this.scratch,
    });
    this.lastSearch = { text: search, slots };
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
    this.chars = copy(this.chars, (n) => new Uint32Array(n), CHAR_MASK_WORDS);
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

  /** The column a sort key orders by (sort-slots.ts does the sorting, as SQL orders). */
  private sortSlots(key: SortKey, dir: 'asc' | 'desc'): Int32Array {
    const col: ArrayLike<string | number> =
      key === 'name'
        ? this.names
        : key === 'domain'
          ? this.domains
          : key === 'option'
            ? this.option
            : key === 'status'
              ? this.statusNames()
              : key === 'updatedAt'
                ? this.updated
                : this.created;
    return sortSlots(col, this.ids, dir);
  }

  private statusNames(): string[] {
    return Array.from(this.status.subarray(0, this.ids.length), (c) => TENANT_STATUSES[c]!);
  }
}
