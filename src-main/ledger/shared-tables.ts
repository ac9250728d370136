/**
 * What a team shares (issue #19 item 6), table by table, and how each is keyed across consoles. Personal settings
 * (Postmark URL, resolvers, backups, session length) and everything not listed stay in this console's ledger only.
 *
 * - `key`: the columns that name one row on every console. Tables whose only key is a local INTEGER id are either
 *   `append` (history: rows are only ever added, each travels as a new row and gets a new local id) or get a natural
 *   key (dmarc_reports (org, report_id), alerts fact_key, …) or a `uid` column made for the purpose (migration 022).
 * - `localOnly`: columns that never travel (the local integer id; a pointer at a row that is not shared).
 * - `refs`: a column holding a parent row's local id travels as the parent's team key — a scalar for a one-column
 *   key, a JSON array for more — and is turned back into this console's id when applied (capture-trigger-store.ts
 *   and TeamStore are the one place that does it). `by` names the parent by other columns than its key (a DMARC row
 *   belongs to one *import* of its report: org, report id and imported_at, so two consoles that imported the same
 *   report while apart keep one report and never get each other's rows twice). A change whose parent this console
 *   does not have is skipped and counted, never a crash.
 * - `quiet`: bookkeeping and observation columns where the last edit wins without a conflict (updated_at; when a
 *   fact was first seen; a queue row's attempts, backoff and outcome — the team's job claims, not these columns,
 *   decide who runs a job). When two consoles record the same row (the same alert, key or report seen by both), the
 *   first to reach the server keeps its quiet values and the second adds nothing (see merge.ts).
 * - `followers`: a column derived from another (name_lc from name) goes wherever its source goes.
 * - `where`: SQL on `$ROW` (NEW or OLD) selecting the shared rows of a table that is partly personal.
 * - `localUpdate`: SQL on OLD and NEW: an update it matches is this console's own bookkeeping and is not recorded (a
 *   runner taking a job, or giving it back because another console holds it).
 * - `busy`: SQL on `$ROW`, the local row: while it holds, the row is this console's work in progress (a job its
 *   runner is calling Postmark for) and changes pulled from the team leave it alone; the runner's outcome follows.
 *
 * Stay local on purpose: `dmarc_mailbox` (this console's IMAP poll state: which messages it has read), `health_days`
 * / `health_fetches` (Postmark's own statistics, re-fetched by any console that looks), `ptr_cache` (a DNS cache),
 * `dkim_rotations.deleted_check_id` (points at this console's dns_checks row; DNS checks travel as history without
 * their local ids).
 */
export interface SharedTable {
  name: string;
  mode: 'row' | 'append';
  key: readonly string[];
  localOnly?: readonly string[];
  quiet?: readonly string[];
  followers?: Readonly<Record<string, string>>;
  where?: string;
  refs?: Readonly<Record<string, SharedRef>>;
  localUpdate?: string;
  busy?: string;
}

/** A column that holds a parent's local id (see `refs` above). The parent's local id column is `id`. */
export interface SharedRef {
  table: string;
  /** The parent's columns that name it on every console; default: the parent's shared key. */
  by?: readonly string[];
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

/** A queue row's progress: the runner that ran it records it, the team's job claims decide who runs it. */
const JOB_QUIET = ['state', 'attempts', 'next_attempt_at', 'last_error_json', 'result_json', 'created_at', 'updated_at'];
/** Taking a job ('running') and giving it back unrun ('running' → 'queued': deferred, retried later) stay local. */
const RUNNER_UPDATE = `NEW.state = 'running' OR (OLD.state = 'running' AND NEW.state = 'queued')`;
const RUNNING = `$ROW.state = 'running'`;

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
  // Postmark work (issue #19 item 5): any console may run a job another queued; job_claims in PostgreSQL decides which.
  {
    name: 'postmark_jobs',
    mode: 'row',
    key: ['idempotency_key'],
    localOnly: ['id'],
    quiet: JOB_QUIET,
    // A job recorded as another console ran it (`ranByConsole`) adds nothing: that console's own outcome travels.
    localUpdate: `${RUNNER_UPDATE} OR json_extract(NEW.result_json, '$.ranByConsole') IS NOT NULL`,
    busy: RUNNING,
  },
  { name: 'deferred_removals', mode: 'row', key: ['uid'], localOnly: ['id'], quiet: ['updated_at'], refs: { job_id: { table: 'postmark_jobs' } } },
  { name: 'dkim_keys', mode: 'row', key: ['tenant_id', 'host', 'public_key'], localOnly: ['id'], quiet: ['first_seen_pending_at', 'first_seen_active_at'] },
  {
    name: 'dkim_rotations',
    mode: 'row',
    key: ['uid'],
    localOnly: ['id', 'deleted_check_id'],
    // The stage follows what Postmark and DNS say, observed by whichever console looks: an observation, not an edit.
    quiet: ['stage', 'pending_at', 'active_at', 'safe_at', 'deleted_at', 'updated_at'],
    refs: { job_id: { table: 'postmark_jobs' } },
  },
  { name: 'tenant_bulk_mail', mode: 'row', key: ['tenant_id'], quiet: ['updated_at'] },
  { name: 'dmarc_reports', mode: 'row', key: ['org', 'report_id'], localOnly: ['id'], quiet: ['imported_at', 'source_file', 'staged_by'] },
  { name: 'dmarc_rows', mode: 'append', key: [], localOnly: ['id'], refs: { report_id: { table: 'dmarc_reports', by: ['org', 'report_id', 'imported_at'] } } },
  { name: 'dmarc_failures', mode: 'row', key: ['digest'], localOnly: ['id'], quiet: ['imported_at', 'source_file'] },
  // Raised by every console's watch round: what it saw is an observation; acknowledging and snoozing are people's edits.
  { name: 'alerts', mode: 'row', key: ['fact_key'], localOnly: ['id'], quiet: ['title', 'detail', 'raised_at', 'resolved_at'] },
  { name: 'test_sends', mode: 'row', key: ['send_key'], localOnly: ['id'], quiet: ['state', 'submitted_at', 'events_at', 'updated_at'] },
  {
    name: 'test_send_recipients',
    mode: 'row',
    key: ['send_id', 'address'],
    localOnly: ['id'],
    quiet: ['state', 'message_id', 'submitted_at', 'error_code', 'message', 'hint', 'inactive', 'event_type', 'event_at', 'event_detail'],
    refs: { send_id: { table: 'test_sends' } },
  },
  {
    name: 'send_queue',
    mode: 'row',
    key: ['idempotency_key'],
    localOnly: ['id'],
    quiet: [...JOB_QUIET.filter((c) => c !== 'result_json'), 'lost_at', 'confirm_misses', 'last_miss_at'],
    refs: { send_id: { table: 'test_sends' } },
    localUpdate: RUNNER_UPDATE,
    busy: RUNNING,
  },
];

export function sharedTable(name: string): SharedTable {
  const t = SHARED_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`${name} is not a shared table`);
  return t;
}
