/**
 * What a team shares (issue #19 item 6), table by table, and how each is keyed across consoles. Personal settings
 * (Postmark URL, resolvers, backups, session length) and everything not listed stay in this console's ledger only.
 *
 * - `key`: the columns that name one row on every console. Tables whose only key is a local INTEGER id are either
 *   `append` (history: rows are only ever added, each travels as a new row and gets a new local id) or not shared
 *   yet (DMARC reports and their rows, test sends: their children point at local ids).
 * - `localOnly`: columns that never travel (the local integer id).
 * - `quiet`: bookkeeping columns where the last writer wins without a conflict (updated_at).
 * - `followers`: a column derived from another (name_lc from name) goes wherever its source goes.
 * - `where`: SQL on `$ROW` (NEW or OLD) selecting the shared rows of a table that is partly personal.
 */
export interface SharedTable {
  name: string;
  mode: 'row' | 'append';
  key: readonly string[];
  localOnly?: readonly string[];
  quiet?: readonly string[];
  followers?: Readonly<Record<string, string>>;
  where?: string;
}

/** Team settings (naming, vendor identity, options offered). The Postmark URL, resolvers, backups and session stay personal. */
export const SHARED_SETTING_KEYS = [
  'vendorName',
  'vendorDomain',
  'vendorAddressPattern',
  'vendorSharedAddress',
  'offeredOptions',
  'serverNamePattern',
  'serverColor',
  'returnPathLabel',
  'dmarcReportMailbox',
  'sheetsServerId',
  'sheetsFromAddress',
] as const;

/** In the order rows must be written on a fresh console: parents before the rows that point at them. */
export const SHARED_TABLES: readonly SharedTable[] = [
  { name: 'tenants', mode: 'row', key: ['id'], quiet: ['updated_at'], followers: { name_lc: 'name' } },
  { name: 'tenant_tags', mode: 'row', key: ['tenant_id', 'tag'] },
  { name: 'settings', mode: 'row', key: ['key'], quiet: ['updated_at'], where: `$ROW.key IN (${SHARED_SETTING_KEYS.map((k) => `'${k}'`).join(', ')})` },
  { name: 'audit', mode: 'append', key: [], localOnly: ['id'] },
  { name: 'dns_checks', mode: 'append', key: [], localOnly: ['id'] },
  { name: 'dmarc_chosen_records', mode: 'row', key: ['tenant_id'] },
  { name: 'dmarc_legitimate_senders', mode: 'row', key: ['domain', 'sender_domain'] },
  { name: 'seed_inboxes', mode: 'row', key: ['address_lc'], localOnly: ['id'], quiet: ['updated_at'] },
  { name: 'postmark_objects', mode: 'row', key: ['kind', 'postmark_id'], localOnly: ['id'], quiet: ['updated_at'], followers: { name_lc: 'name' } },
];

export function sharedTable(name: string): SharedTable {
  const t = SHARED_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`${name} is not a shared table`);
  return t;
}
