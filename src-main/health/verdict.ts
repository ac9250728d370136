import type { HealthDay, HealthReason, HealthThresholds, HealthVerdict, HealthWindow, Trend } from '../../src-preload/api/health';
import type { TenantStatus } from '../../src-preload/api/tenants';

/**
 * The one rule for "how is this tenant's mail doing": rates over the last 7 days against the thresholds, trends
 * against the 23 days before, and silence while live. Pure: the Health page, the tab, the CLI and the watch all
 * call this, so they never disagree.
 */

export function windowOf(days: readonly HealthDay[]): HealthWindow {
  const sent = days.reduce((n, d) => n + d.sent, 0);
  const bounced = days.reduce((n, d) => n + d.bounced, 0);
  const complaints = days.reduce((n, d) => n + d.complaints, 0);
  return { sent, bounced, complaints, bounceRate: rate(bounced, sent), complaintRate: rate(complaints, sent) };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 100_000) / 1000);

/**
 * Up or down when the recent rate moved by a quarter of the earlier one and by more than a noise floor (percentage
 * points); null when either window is too small to say.
 */
export function trendOf(recent: number | null, earlier: number | null, floor: number, enough: boolean): Trend {
  if (recent === null || earlier === null || !enough) return null;
  if (recent - earlier > floor && recent > earlier * 1.25) return 'up';
  if (earlier - recent > floor && recent < earlier * 0.8) return 'down';
  return 'flat';
}

export interface VerdictInput {
  /** The last 30 days, oldest first. */
  days: readonly HealthDay[];
  status: TenantStatus;
  hasServer: boolean;
  fetched: boolean;
  thresholds: HealthThresholds;
}

export interface VerdictResult {
  verdict: HealthVerdict;
  reasons: HealthReason[];
  last7: HealthWindow;
  last30: HealthWindow;
  bounceTrend: Trend;
  complaintTrend: Trend;
  lastSentDay: string | null;
}

const pct = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 3 })} %`;

export function judgeHealth(input: VerdictInput): VerdictResult {
  const t = input.thresholds;
  const recentDays = input.days.slice(-7);
  const earlierDays = input.days.slice(0, -7);
  const last7 = windowOf(recentDays);
  const last30 = windowOf(input.days);
  const earlier = windowOf(earlierDays);
  const enough = last7.sent >= t.minVolume && earlier.sent >= t.minVolume;
  const bounceTrend = trendOf(last7.bounceRate, earlier.bounceRate, 0.5, enough);
  const complaintTrend = trendOf(last7.complaintRate, earlier.complaintRate, 0.03, enough);
  const lastSentDay = [...input.days].reverse().find((d) => d.sent > 0)?.day ?? null;
  const result = (verdict: HealthVerdict, reasons: HealthReason[]): VerdictResult => ({
    verdict,
    reasons,
    last7,
    last30,
    bounceTrend,
    complaintTrend,
    lastSentDay,
  });

  if (!input.hasServer) {
    return result('no-data', [
      {
        code: 'no-server',
        level: 'info',
        text: 'No Postmark server is linked to this tenant yet.',
        fix: 'Provision it (Postmark tab) or link an existing server.',
      },
    ]);
  }
  if (!input.fetched) {
    return result('no-data', [
      {
        code: 'not-fetched',
        level: 'info',
        text: 'Sending statistics have not been fetched from Postmark yet.',
        fix: 'Press Refresh (or run `behalf health --refresh`).',
      },
    ]);
  }

  const reasons: HealthReason[] = [];
  const judged = last7.sent >= t.minVolume;
  const cr = last7.complaintRate;
  const br = last7.bounceRate;
  if (judged && cr !== null && cr >= t.complaintRateMax) {
    reasons.push({
      code: 'complaints.over-limit',
      level: 'fail',
      text: `Spam complaints at ${pct(cr)} over 7 days, at or over the ${pct(t.complaintRateMax)} limit the mailbox providers set for bulk senders.`,
      fix: 'Find what changed (a new list, a campaign, imported addresses); send only to people who asked, and make unsubscribing one click. Complainers are deactivated by Postmark: do not reactivate them.',
    });
  } else if (judged && cr !== null && cr >= t.complaintRateAim) {
    reasons.push({
      code: 'complaints.over-aim',
      level: 'warn',
      text: `Spam complaints at ${pct(cr)} over 7 days: under the ${pct(t.complaintRateMax)} limit but over the ${pct(t.complaintRateAim)} to aim for.`,
      fix: 'Look at which mail draws complaints (tags, streams) before it reaches the limit; check one-click unsubscribe on broadcast mail.',
    });
  }
  if (judged && br !== null && br >= t.bounceRateMax) {
    reasons.push({
      code: 'bounces.over-limit',
      level: 'fail',
      text: `Bounces at ${pct(br)} over 7 days, at or over ${pct(t.bounceRateMax)}, where Postmark reviews an account.`,
      fix: 'Read the latest hard bounces: an old or imported list? Remove dead addresses and confirm new sign-ups before sending to them.',
    });
  } else if (judged && br !== null && br >= t.bounceRateMax / 2) {
    reasons.push({
      code: 'bounces.high',
      level: 'warn',
      text: `Bounces at ${pct(br)} over 7 days, over half of the ${pct(t.bounceRateMax)} review level.`,
      fix: 'Read the latest hard bounces and clean the list before the rate climbs further.',
    });
  }
  if (!reasons.some((r) => r.code.startsWith('complaints')) && complaintTrend === 'up') {
    reasons.push({
      code: 'complaints.rising',
      level: 'warn',
      text: `Spam complaints rising: ${pct(cr ?? 0)} this week against ${pct(earlier.complaintRate ?? 0)} the 23 days before.`,
      fix: 'Look at what was sent this week that was not sent before.',
    });
  }
  if (!reasons.some((r) => r.code.startsWith('bounces')) && bounceTrend === 'up') {
    reasons.push({
      code: 'bounces.rising',
      level: 'warn',
      text: `Bounces rising: ${pct(br ?? 0)} this week against ${pct(earlier.bounceRate ?? 0)} the 23 days before.`,
      fix: 'Read the latest hard bounces for a new source of bad addresses.',
    });
  }
  if (reasons.some((r) => r.level === 'fail')) return result('in-trouble', reasons);
  if (reasons.length > 0) return result('degrading', reasons);

  const quietSince = input.days.slice(-t.quietDays);
  if (input.status === 'live' && quietSince.length >= t.quietDays && quietSince.every((d) => d.sent === 0)) {
    const text = lastSentDay
      ? `No mail sent for ${t.quietDays} days or more while live (last on ${lastSentDay}).`
      : `No mail sent in the last 30 days while live.`;
    return result('quiet', [
      {
        code: 'quiet',
        level: 'warn',
        text,
        fix: 'Ask the customer whether they moved their sending elsewhere, or whether their app stopped sending (a broken integration, a revoked token).',
      },
    ]);
  }
  if (!judged && last7.sent > 0) {
    return result('ok', [
      { code: 'volume.low', level: 'info', text: `Only ${last7.sent} sent in 7 days: rates are shown but not judged under ${t.minVolume}.`, fix: '' },
    ]);
  }
  return result('ok', []);
}

/** Sort key: worst verdict first, then the higher complaint rate, then the higher bounce rate. */
export const VERDICT_RANK: Record<HealthVerdict, number> = { 'in-trouble': 0, degrading: 1, quiet: 2, 'no-data': 3, ok: 4 };
