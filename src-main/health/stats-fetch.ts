import { createCallRunner, type CallRunner, type PostmarkGatewayOptions } from '../postmark/call';
import { expectShape } from '../postmark/answers';
import type { HealthDay, RecentBounce } from '../../src-preload/api/health';
import { bounceCountsAnswer, bounceListAnswer, deliveryStatsAnswer, sentCountsAnswer, spamCountsAnswer } from './stats-answers';
import { dayRange } from './days';

export interface FetchedStats {
  days: HealthDay[];
  bouncesByType: { type: string; name: string; count: number }[];
  inactiveAddresses: number;
  recent: RecentBounce[];
}

/** How many of the latest hard bounces and of the latest complaints are kept for the Health tab. */
export const RECENT_KEPT = 15;

/**
 * One tenant's numbers from Postmark, with its server token, through the official client (the same call runner as
 * the gateway: retries, error mapping, token never in a message). Days are Postmark's (US Eastern).
 */
export function createStatsFetcher(opts: Pick<PostmarkGatewayOptions, 'endpoint' | 'retry' | 'sleep' | 'timeoutSeconds'>) {
  // Stats need only the server token; the account token is never read here.
  const calls: CallRunner = createCallRunner({ ...opts, accountToken: '' });

  return async function fetchStats(token: string, from: string, to: string): Promise<FetchedStats> {
    const filter = { fromDate: from, toDate: to };
    const [sends, bounces, spam, delivery, hard, complaints] = await Promise.all([
      calls.server(token, 'read sent counts', (c) => c.getSentCounts(filter)).then((a) => expectShape(sentCountsAnswer, 'read sent counts', a)),
      calls.server(token, 'read bounce counts', (c) => c.getBounceCounts(filter)).then((a) => expectShape(bounceCountsAnswer, 'read bounce counts', a)),
      calls
        .server(token, 'read spam complaint counts', (c) => c.getSpamComplaintsCounts(filter))
        .then((a) => expectShape(spamCountsAnswer, 'read spam complaint counts', a)),
      calls.server(token, 'read delivery stats', (c) => c.getDeliveryStatistics()).then((a) => expectShape(deliveryStatsAnswer, 'read delivery stats', a)),
      calls
        .server(token, 'list hard bounces', (c) => c.getBounces({ count: RECENT_KEPT, offset: 0, type: 'HardBounce' as never, ...filter }))
        .then((a) => expectShape(bounceListAnswer, 'list hard bounces', a)),
      calls
        .server(token, 'list spam complaints', (c) => c.getBounces({ count: RECENT_KEPT, offset: 0, type: 'SpamComplaint' as never, ...filter }))
        .then((a) => expectShape(bounceListAnswer, 'list spam complaints', a)),
    ]);
    const byDay = new Map<string, HealthDay>(
      dayRange(from, to).map((day) => [day, { day, sent: 0, bounced: 0, hard: 0, soft: 0, transient: 0, smtpErrors: 0, complaints: 0 }]),
    );
    const at = (date: string) => byDay.get(date.slice(0, 10));
    for (const d of sends.Days) {
      const row = at(d.Date);
      if (row) row.sent = d.Sent;
    }
    for (const d of bounces.Days) {
      const row = at(d.Date);
      if (!row) continue;
      row.hard = d.HardBounce ?? 0;
      row.soft = d.SoftBounce ?? 0;
      row.transient = d.Transient ?? 0;
      row.smtpErrors = d.SMTPApiError ?? 0;
      row.bounced = row.hard + row.soft + row.transient;
    }
    for (const d of spam.Days) {
      const row = at(d.Date);
      if (row) row.complaints = d.SpamComplaint;
    }
    const recent = [...hard.Bounces, ...complaints.Bounces]
      .map((b) => ({
        id: b.ID,
        type: b.Type,
        email: b.Email,
        at: b.BouncedAt,
        description: b.Description ?? '',
        details: b.Details ?? '',
        inactive: b.Inactive,
      }))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    return {
      days: [...byDay.values()],
      bouncesByType: delivery.Bounces.filter((b) => b.Type).map((b) => ({ type: b.Type!, name: b.Name, count: b.Count })),
      inactiveAddresses: delivery.InactiveMails,
      recent,
    };
  };
}

export type StatsFetcher = ReturnType<typeof createStatsFetcher>;
