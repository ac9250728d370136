import type { Route, RouteContext } from './router';
import { invalid, ok } from './sim-error';
import { pageOf, parsePaging } from './paging';
import { simNow } from './state';
import { addDays, BOUNCE_TYPE_NAMES, easternDay, HISTORY_DAYS, serverBounces, serverDays, type SimDayStats } from './stats-history';

/**
 * Postmark's Stats API (server token): `/stats/outbound` overview and its per-day series for sends, bounces and
 * spam complaints; and the Bounce API: `/deliverystats` and `/bounces`. Shapes from the official client's models
 * (`models/stats/Stats.d.ts`, `models/bounces/Bounce.d.ts`) and Postmark's stats/bounce API pages (FIDELITY.md).
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `fromdate`/`todate` as YYYY-MM-DD, inclusive; without them Postmark reports every day it has. */
function range(ctx: RouteContext): { from: string; to: string } {
  const today = easternDay(simNow(ctx.env.state));
  const read = (key: string, fallback: string) => {
    const raw = ctx.query.get(key)?.trim();
    if (!raw) return fallback;
    const day = raw.slice(0, 10);
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw invalid(1500, `The '${key}' parameter is not a valid date.`);
    return day;
  };
  return { from: read('fromdate', addDays(today, -(HISTORY_DAYS - 1))), to: read('todate', today) };
}

/** Tags and streams other than the default outbound stream have no generated traffic. */
function days(ctx: RouteContext): SimDayStats[] {
  const { from, to } = range(ctx);
  const stream = ctx.query.get('messagestream')?.toLowerCase();
  const all = serverDays(ctx.env.state, ctx.server!, from, to);
  if (ctx.query.get('tag') || (stream && stream !== 'outbound'))
    return all.map((d) => ({ ...d, sent: 0, hard: 0, soft: 0, transient: 0, smtpApiErrors: 0, complaints: 0 }));
  return all;
}

const sum = (list: SimDayStats[], pick: (d: SimDayStats) => number) => list.reduce((n, d) => n + pick(d), 0);
/** Postmark answers rates as percentages with up to three decimals (BounceRate 2.345 = 2.345 %). */
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100_000) / 1000);

function overview(ctx: RouteContext) {
  const list = days(ctx);
  const sent = sum(list, (d) => d.sent);
  const bounced = sum(list, (d) => d.hard + d.soft + d.transient);
  const complaints = sum(list, (d) => d.complaints);
  return ok({
    Sent: sent,
    Bounced: bounced,
    SMTPApiErrors: sum(list, (d) => d.smtpApiErrors),
    BounceRate: percent(bounced, sent),
    SpamComplaints: complaints,
    SpamComplaintsRate: percent(complaints, sent),
    Opens: 0,
    UniqueOpens: 0,
    Tracked: 0,
    WithLinkTracking: 0,
    WithOpenTracking: 0,
    TotalTrackedLinksSent: 0,
    UniqueLinksClicked: 0,
    TotalClicks: 0,
    WithClientRecorded: 0,
    WithPlatformRecorded: 0,
    WithReadTimeRecorded: 0,
  });
}

/** Days with nothing to report are left out of `Days`, as Postmark does; the totals cover the whole range. */
function sends(ctx: RouteContext) {
  const list = days(ctx);
  return ok({ Days: list.filter((d) => d.sent > 0).map((d) => ({ Date: d.date, Sent: d.sent })), Sent: sum(list, (d) => d.sent) });
}

function bounceCounts(ctx: RouteContext) {
  const list = days(ctx);
  const keys = {
    HardBounce: (d: SimDayStats) => d.hard,
    SoftBounce: (d: SimDayStats) => d.soft,
    Transient: (d: SimDayStats) => d.transient,
    SMTPApiError: (d: SimDayStats) => d.smtpApiErrors,
  };
  const dayRows = list
    .filter((d) => d.hard + d.soft + d.transient + d.smtpApiErrors > 0)
    .map((d) => ({
      Date: d.date,
      ...Object.fromEntries(
        Object.entries(keys)
          .map(([k, f]) => [k, f(d)])
          .filter(([, v]) => v !== 0),
      ),
    }));
  return ok({ Days: dayRows, ...Object.fromEntries(Object.entries(keys).map(([k, f]) => [k, sum(list, f)])) });
}

function spam(ctx: RouteContext) {
  const list = days(ctx);
  return ok({
    Days: list.filter((d) => d.complaints > 0).map((d) => ({ Date: d.date, SpamComplaint: d.complaints })),
    SpamComplaint: sum(list, (d) => d.complaints),
  });
}

/** All-time counts per bounce type and how many addresses are inactive. */
function deliveryStats(ctx: RouteContext) {
  const today = easternDay(simNow(ctx.env.state));
  const all = serverBounces(ctx.env.state, ctx.server!, addDays(today, -(HISTORY_DAYS - 1)), today);
  const byType = new Map<string, number>();
  for (const b of all) byType.set(b.Type, (byType.get(b.Type) ?? 0) + 1);
  const inactive = new Set(all.filter((b) => b.Inactive).map((b) => b.Email));
  return ok({
    InactiveMails: inactive.size,
    Bounces: [{ Name: 'All', Count: all.length }, ...[...byType].map(([Type, Count]) => ({ Type, Name: BOUNCE_TYPE_NAMES[Type] ?? Type, Count }))],
  });
}

function bounces(ctx: RouteContext) {
  const paging = parsePaging(ctx.query, 1000, 10_000);
  const { from, to } = range(ctx);
  const type = ctx.query.get('type');
  const inactive = ctx.query.get('inactive');
  const email = ctx.query.get('emailfilter')?.toLowerCase();
  const list = serverBounces(ctx.env.state, ctx.server!, from, to).filter(
    (b) =>
      (!type || b.Type.toLowerCase() === type.toLowerCase()) &&
      (inactive === undefined || String(b.Inactive) === inactive.toLowerCase()) &&
      (!email || b.Email.includes(email)),
  );
  return ok({
    TotalCount: list.length,
    Bounces: pageOf(list, paging).map(({ day: _day, ...b }) => ({ RecordType: 'Bounce', ...b, ServerID: ctx.server!.ID, DumpAvailable: false, Tag: '' })),
  });
}

export const statsRoutes: Route[] = [
  { method: 'GET', pattern: '/stats/outbound', auth: 'server', handle: overview },
  { method: 'GET', pattern: '/stats/outbound/sends', auth: 'server', handle: sends },
  { method: 'GET', pattern: '/stats/outbound/bounces', auth: 'server', handle: bounceCounts },
  { method: 'GET', pattern: '/stats/outbound/spam', auth: 'server', handle: spam },
  { method: 'GET', pattern: '/deliverystats', auth: 'server', handle: deliveryStats },
  { method: 'GET', pattern: '/bounces', auth: 'server', handle: bounces },
];
