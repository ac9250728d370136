import type { SendRecipient, SendView } from '../../../src-preload/api/sends';
import type { Tone } from '../../components/Status';

/**
 * One seed's status in the shared vocabulary: the latest event when Postmark has one, else the send result.
 * `confirming`: an answer was lost and Behalf is checking with Postmark before any re-send.
 */
export function recipientStatus(r: SendRecipient, confirming = false): { tone: Tone; label: string } {
  if (r.state === 'queued') return { tone: 'pending', label: confirming ? 'confirming with Postmark' : 'queued' };
  if (r.state === 'cancelled') return { tone: 'unknown', label: 'cancelled' };
  if (r.state === 'inactive') return { tone: 'failing', label: 'inactive' };
  if (r.state === 'failed') return { tone: 'error', label: 'refused' };
  switch (r.eventType) {
    case 'Delivered': return { tone: 'ok', label: 'delivered' };
    case 'Opened': return { tone: 'ok', label: 'opened' };
    case 'LinkClicked': return { tone: 'ok', label: 'clicked' };
    case 'Bounced': return { tone: 'failing', label: 'bounced' };
    case 'Transient': return { tone: 'warning', label: 'delayed' };
    case 'SubscriptionChanged': return { tone: 'warning', label: 'unsubscribed' };
    case null: return { tone: 'pending', label: 'sent' };
    // Postmark's own Status before any event: accepted and waiting, then handed to the receiving server.
    case 'Queued': return { tone: 'pending', label: 'queued at Postmark' };
    case 'Sent': return { tone: 'pending', label: 'sent, no event yet' };
    default: return { tone: 'unknown', label: r.eventType.toLowerCase() };
  }
}

export const SEND_TONE: Record<SendView['state'], Tone> = { sent: 'ok', partial: 'warning', failed: 'error', queued: 'pending', cancelled: 'unknown' };

export const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) : '—');

/** Time of day only, for rows under a header that already names the day. */
export const clock = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(11, 19) : '—');
