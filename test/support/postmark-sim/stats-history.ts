import type { SimServer, SimState } from './state';
import { simNow } from './state';
import { postmarkTimestamp } from './dates';

/**
 * Generated sending history for the Stats and Bounce APIs: weeks of numbers so the demo and tests have something
 * to rank. Deterministic per server (seeded by its name and the day), so two runs show the same chart. A profile
 * shapes the last weeks: 'healthy' (default), 'trouble' (bounces and complaints climbing over every threshold),
 * 'degrading' (complaints rising but still under the limit), 'quiet' (nothing sent for the last 12 days), 'none'
 * (no history at all: only what was really sent through the simulator counts).
 */
export type StatsProfile = 'healthy' | 'trouble' | 'degrading' | 'quiet' | 'none';

export interface SimDayStats {
  /** YYYY-MM-DD in US Eastern time, as Postmark keeps stats. */
  date: string;
  sent: number;
  hard: number;
  soft: number;
  transient: number;
  smtpApiErrors: number;
  complaints: number;
}

export interface SimBounce {
  ID: number;
  Type: string;
  TypeCode: number;
  Name: string;
  Description: string;
  Details: string;
  Email: string;
  From: string;
  BouncedAt: string;
  Inactive: boolean;
  CanActivate: boolean;
  Subject: string;
  MessageID: string;
  MessageStream: string;
  day: string;
}

/** How many days back the simulator has numbers for (Postmark keeps stats permanently; 120 is plenty for tests). */
export const HISTORY_DAYS = 120;

const profiles = new WeakMap<SimState, Map<number, StatsProfile>>();

export function setStatsProfile(state: SimState, serverId: number, profile: StatsProfile): void {
  let map = profiles.get(state);
  if (!map) profiles.set(state, (map = new Map()));
  map.set(serverId, profile);
}

export function statsProfile(state: SimState, serverId: number): StatsProfile {
  return profiles.get(state)?.get(serverId) ?? 'healthy';
}

/** Today's date in US Eastern (fixed -05:00, as dates.ts), by the simulator's clock. */
export function easternDay(ms: number): string {
  return new Date(ms - 5 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** mulberry32 over a string hash: small, fast and the same everywhere. */
function random(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i += 1) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rates (fractions of sent) for one day, `age` days before today. */
function ratesFor(profile: StatsProfile, age: number): { bounce: number; complaint: number; volume: number } {
  const ramp = (days: number) => Math.max(0, (days - age) / days); // 0 before the window, 1 today
  switch (profile) {
    case 'trouble':
      return { bounce: 0.015 + 0.12 * ramp(10), complaint: 0.0004 + 0.006 * ramp(10), volume: 1 };
    case 'degrading':
      return { bounce: 0.015 + 0.03 * ramp(14), complaint: 0.0004 + 0.0016 * ramp(14), volume: 1 };
    case 'quiet':
      return { bounce: 0.015, complaint: 0.0003, volume: age < 12 ? 0 : 1 };
    default:
      return { bounce: 0.015, complaint: 0.0003, volume: 1 };
  }
}

/** One generated day of one server (before real sends through the simulator are added). */
export function generatedDay(server: SimServer, profile: StatsProfile, day: string, today: string): SimDayStats {
  const age = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  const zero = { date: day, sent: 0, hard: 0, soft: 0, transient: 0, smtpApiErrors: 0, complaints: 0 };
  if (profile === 'none' || age < 0 || age >= HISTORY_DAYS) return zero;
  const rnd = random(`${server.Name}|${day}`);
  const base = 300 + Math.floor(random(server.Name)() * 1700);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.45 : 1;
  const rates = ratesFor(profile, age);
  const sent = Math.round(base * weekend * rates.volume * (0.8 + rnd() * 0.4));
  const bounced = Math.round(sent * rates.bounce * (0.7 + rnd() * 0.6));
  const hard = Math.round(bounced * 0.6);
  const soft = Math.round(bounced * 0.25);
  return {
    date: day,
    sent,
    hard,
    soft,
    transient: bounced - hard - soft,
    smtpApiErrors: Math.round(sent * 0.001 * rnd()),
    complaints: Math.round(sent * rates.complaint * (0.6 + rnd() * 0.8)),
  };
}

/** Every day from `from` to `to` (inclusive) of one server: generated history plus real sends, per day. */
export function serverDays(state: SimState, server: SimServer, from: string, to: string): SimDayStats[] {
  const today = easternDay(simNow(state));
  const profile = statsProfile(state, server.ID);
  const real = new Map<string, number>();
  for (const m of state.messages) {
    if (m.serverId !== server.ID || m.Sandboxed) continue;
    const day = easternDay(m.acceptedAtMs);
    real.set(day, (real.get(day) ?? 0) + m.To.length + m.Cc.length + m.Bcc.length);
  }
  const out: SimDayStats[] = [];
  for (let day = from; day <= to && out.length <= 3700; day = addDays(day, 1)) {
    if (day > today) break;
    const d = generatedDay(server, profile, day, today);
    out.push({ ...d, sent: d.sent + (real.get(day) ?? 0) });
  }
  return out;
}

const BOUNCE_KINDS = [
  {
    key: 'hard',
    Type: 'HardBounce',
    TypeCode: 1,
    Name: 'Hard bounce',
    Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
    inactive: true,
  },
  {
    key: 'soft',
    Type: 'SoftBounce',
    TypeCode: 4096,
    Name: 'Soft bounce/Undeliverable',
    Description: 'Unable to temporarily deliver this email.',
    Details: 'smtp;452 4.2.2 The email account that you tried to reach is over quota.',
    inactive: false,
  },
  {
    key: 'transient',
    Type: 'Transient',
    TypeCode: 2,
    Name: 'Message delayed/Undeliverable',
    Description: 'The server could not temporarily deliver your message (ex: Message is delayed due to network troubles).',
    Details: 'smtp;421 4.7.0 Try again later, closing connection.',
    inactive: false,
  },
  {
    key: 'complaints',
    Type: 'SpamComplaint',
    TypeCode: 100001,
    Name: 'Spam complaint',
    Description: 'The subscriber explicitly marked this email as spam.',
    Details: "Feedback loop report from the recipient's mailbox provider.",
    inactive: true,
  },
] as const;

export const BOUNCE_TYPE_NAMES: Record<string, string> = Object.fromEntries(BOUNCE_KINDS.map((k) => [k.Type, k.Name]));

/**
 * The bounce records behind a server's daily counts (hard, soft, transient, spam complaints), newest first. Each
 * has a stable ID from the server, day and position, so paging and repeated fetches agree. Hard bounces and spam
 * complaints leave the address inactive.
 */
export function serverBounces(state: SimState, server: SimServer, from: string, to: string): SimBounce[] {
  const days = serverDays(state, server, from, to).reverse();
  const nowMs = simNow(state);
  const out: SimBounce[] = [];
  for (const d of days) {
    let n = 0;
    for (const kind of BOUNCE_KINDS) {
      for (let i = 0; i < d[kind.key]; i += 1) {
        n += 1;
        const dayIndex = Math.round(Date.parse(`${d.date}T00:00:00Z`) / 86_400_000);
        // Spread over the day, but never later than now: today's bounces happened in the hours behind us.
        const midnight = Date.parse(`${d.date}T00:00:00-05:00`);
        const span = Math.max(1, Math.min(24 * 60, Math.floor((nowMs - midnight) / 60_000)));
        const at = new Date(midnight + ((n * 37) % span) * 60_000);
        out.push({
          ID: server.ID * 10_000_000 + (dayIndex % 10_000) * 1000 + n,
          Type: kind.Type,
          TypeCode: kind.TypeCode,
          Name: kind.Name,
          Description: kind.Description,
          Details: kind.Details,
          Email: `recipient${n}.${d.date.replace(/-/g, '')}@example.net`,
          From: `notifications@${server.Name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`,
          BouncedAt: postmarkTimestamp(at),
          Inactive: kind.inactive,
          CanActivate: kind.Type !== 'SpamComplaint',
          Subject: 'Your ticket was updated',
          MessageID: `sim-${server.ID}-${d.date}-${n}`,
          MessageStream: 'outbound',
          day: d.date,
        });
      }
    }
  }
  return out.sort((a, b) => (a.BouncedAt < b.BouncedAt ? 1 : a.BouncedAt > b.BouncedAt ? -1 : 0));
}
