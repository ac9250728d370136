import type { HealthOverview, HealthRefreshResult, HealthRow, Trend } from '../../../src-preload/api/health';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, printable, table, type Io } from '../output';

const VERDICT_WORDS = { 'in-trouble': 'IN TROUBLE', degrading: 'degrading', quiet: 'quiet', 'no-data': 'no data', ok: 'ok' } as const;
const ARROW: Record<NonNullable<Trend>, string> = { up: '↑', down: '↓', flat: '→' };

/**
 * `behalf health [--tenant X] [--refresh] [--json]`: each tenant's sending health from the ledger's cache, saying
 * how old it is; `--refresh` asks Postmark first (failures are listed, the cache is still shown). Exit 1 when any
 * tenant is in trouble (over a limit), 0 otherwise.
 */
export async function healthCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS, tenant: { type: 'string' }, refresh: { type: 'boolean', default: false } });
  const tenantId = values.tenant ? s.tenants.find(values.tenant).id : undefined;
  let refreshed: HealthRefreshResult | undefined;
  if (values.refresh) refreshed = await refreshQuietly(s, tenantId, io);
  const overview = s.health.overview();
  const rows = tenantId ? overview.rows.filter((r) => r.tenantId === tenantId) : overview.rows;
  if (tenantId && rows.length === 0) {
    const t = s.tenants.get(tenantId);
    io.err(`behalf: ${printable(t.name)} is ${t.status}: the Health page lists tenants being set up or live.`);
    return EXIT.usage;
  }
  const trouble = rows.some((r) => r.verdict === 'in-trouble');
  if (values.json) {
    io.out(JSON.stringify({ rows, thresholds: overview.thresholds, oldestFetchAt: oldest(rows), ...(refreshed ? { refreshed } : {}) }));
  } else {
    io.out(describe(rows, overview, refreshed, Boolean(tenantId)));
  }
  return trouble ? EXIT.notOk : EXIT.ok;
}

/** One tenant's refresh failing is reported, not fatal: the cached numbers are still worth showing. */
async function refreshQuietly(s: Services, tenantId: string | undefined, io: Io): Promise<HealthRefreshResult> {
  // Progress on stderr so stdout stays clean for --json; one line per 5 % (or per tenant when few).
  let shown = -1;
  const progress = (done: number, all: number) => {
    if (all === 0 || (done !== all && done - shown < Math.max(1, Math.floor(all / 20)))) return;
    shown = done;
    io.err(`refreshed ${done}/${all}`);
  };
  if (!tenantId) return s.health.refresh(undefined, { progress });
  try {
    return await s.health.refresh(tenantId);
  } catch (err) {
    const t = s.tenants.get(tenantId);
    const e = err as { code?: string; message?: string };
    return { refreshed: 0, skipped: 0, failed: [{ tenantId, name: t.name, code: e.code ?? 'error', message: e.message ?? String(err) }] };
  }
}

const oldest = (rows: HealthRow[]) =>
  rows
    .map((r) => r.fetch.fetchedAt)
    .filter((f): f is string => f !== null)
    .sort()[0] ?? null;
const pct = (n: number | null) => (n === null ? '–' : `${n.toFixed(n < 1 ? 2 : 1)}%`);
const arrow = (t: Trend) => (t ? ARROW[t] : ' ');

export function ageOf(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never fetched';
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 2) return 'just now';
  if (minutes < 120) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

function describe(rows: HealthRow[], overview: HealthOverview, refreshed: HealthRefreshResult | undefined, detailed: boolean): string {
  const lines: string[] = [];
  if (refreshed) {
    lines.push(`Refreshed ${refreshed.refreshed} tenant(s) from Postmark${refreshed.failed.length ? `, ${refreshed.failed.length} failed` : ''}.`);
    for (const f of refreshed.failed) lines.push(`  ${printable(f.name)}: ${printable(f.message)}`);
  }
  if (rows.length === 0) return [...lines, 'No tenants being set up or live yet.'].join('\n');
  lines.push(
    table(
      rows.map((r) => [
        printable(r.name),
        VERDICT_WORDS[r.verdict],
        String(r.last7.sent),
        String(r.last30.sent),
        `${pct(r.last7.bounceRate)} ${arrow(r.bounceTrend)}`,
        `${pct(r.last7.complaintRate)} ${arrow(r.complaintTrend)}`,
        r.dns ?? '–',
        r.dmarcPassRate === null ? '–' : `${r.dmarcPassRate}%`,
        ageOf(r.fetch.fetchedAt),
      ]),
      ['Tenant', 'Health', 'Sent 7d', 'Sent 30d', 'Bounce 7d', 'Spam 7d', 'DNS', 'DMARC pass', 'Fetched'],
    ),
  );
  for (const r of rows) {
    const shown = detailed ? r.reasons : r.reasons.filter((x) => x.level !== 'info');
    if (shown.length === 0 && !r.fetch.error) continue;
    lines.push('', `${printable(r.name)}:`);
    for (const reason of shown)
      lines.push(`  ${reason.level === 'fail' ? 'FAIL' : reason.level}  ${reason.text}`, ...(reason.fix ? [`        fix: ${reason.fix}`] : []));
    if (r.fetch.error) lines.push(`  last refresh failed: ${printable(r.fetch.error.message)}`);
  }
  const t = overview.thresholds;
  lines.push(
    '',
    `Thresholds (7 days): complaints under ${t.complaintRateMax}% (aim ${t.complaintRateAim}%), bounces under ${t.bounceRateMax}%, quiet after ${t.quietDays} days; Settings changes them.`,
  );
  const age = oldest(rows);
  lines.push(
    age ? `Oldest numbers fetched ${ageOf(age)}; \`behalf health --refresh\` asks Postmark again.` : 'Nothing fetched yet: run `behalf health --refresh`.',
  );
  return lines.join('\n');
}
