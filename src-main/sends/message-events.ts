export interface LatestEvent {
  type: string;
  at: string;
  detail: string;
  /** The receiving server Postmark handed the message to (Delivered/Transient DestinationServer), or ''. */
  server: string;
}

interface RawEvent {
  Recipient?: unknown;
  Type?: unknown;
  ReceivedAt?: unknown;
  Details?: unknown;
}

/** One line a person can read, from the event's Details (Summary, DeliveryMessage, …). */
function describe(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const parts = [d.Summary, d.DeliveryMessage, d.Link].filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.join(' · ').slice(0, 500);
}

function serverOf(details: unknown): string {
  const s = details && typeof details === 'object' ? (details as Record<string, unknown>).DestinationServer : undefined;
  return typeof s === 'string' ? s.trim().slice(0, 253) : '';
}

/**
 * The latest event for one recipient out of a message's MessageEvents. A Bounced event always wins over later
 * opens (a bounce is the fact to act on). Returns null while Postmark has recorded nothing yet.
 */
export function latestEventFor(events: unknown, recipient: string): LatestEvent | null {
  if (!Array.isArray(events)) return null;
  const mine = (events as RawEvent[])
    .filter((e) => typeof e.Recipient === 'string' && e.Recipient.toLowerCase() === recipient.toLowerCase() && typeof e.Type === 'string')
    .map((e) => ({ type: String(e.Type), at: typeof e.ReceivedAt === 'string' ? e.ReceivedAt : '', detail: describe(e.Details), server: serverOf(e.Details) }));
  if (mine.length === 0) return null;
  const bounce = mine.filter((e) => e.type === 'Bounced');
  const pool = bounce.length ? bounce : mine;
  return pool.reduce((best, e) => (Date.parse(e.at) > Date.parse(best.at) ? e : best));
}
