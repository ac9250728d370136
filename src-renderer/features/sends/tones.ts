import type { SendRecipient, SendView } from '../../../src-preload/api/sends';
import { placementSourceWord, placementVerdict, receivedAuthVerdicts, seedVerdict, type Verdict } from '../../../src-preload/api/verdicts';
import type { Tone } from '../../components/Status';

/**
 * One seed's status in the shared vocabulary (src-preload/api/verdicts.ts decides the words): the latest event
 * when Postmark has one, else the send result. `confirming`: an answer was lost and Behalf is checking with
 * Postmark before any re-send.
 */
export function recipientStatus(r: SendRecipient, confirming = false): { tone: Tone; label: string } {
  const v = seedVerdict({ state: r.state, eventType: r.eventType, eventServer: r.eventServer, confirming });
  return { tone: v.tone, label: v.word };
}

/** Where the seed's copy landed (inbox / spam / missing), or "not checked"; "looking…" while its mailbox is read. */
export function placementStatus(r: SendRecipient): { tone: Tone; label: string; source: string } {
  if (r.placement === null && r.hasMailbox && r.state === 'sent' && !r.mailboxError) return { tone: 'pending', label: 'looking in the mailbox', source: '' };
  const v = placementVerdict(r.placement);
  return { tone: v.tone, label: v.word, source: placementSourceWord(r.placementSource) };
}

/** The receiver's SPF / DKIM / DMARC / alignment for the grid, or null when nothing was read. */
export function authStatus(r: SendRecipient): Verdict[] | null {
  if (!r.auth) return null;
  const v = receivedAuthVerdicts(r.auth);
  return [v.spf, v.dkim, v.dmarc, v.alignment];
}

export const SEND_TONE: Record<SendView['state'], Tone> = { sent: 'ok', partial: 'warning', failed: 'error', queued: 'pending', cancelled: 'unknown' };

export const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) : '—');

/** Time of day only, for rows under a header that already names the day. */
export const clock = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(11, 19) : '—');
