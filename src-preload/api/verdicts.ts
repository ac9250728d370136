/**
 * The words of every verdict Behalf shows: record rows, check summaries, the tenant's health in the list,
 * "is option 2 safe?" and the options advisor. One module decides them so the Options card, the DNS tab, the
 * tenants list, the sheets and the CLI can never give two answers to one question. Pure: no I/O, imported by
 * main (CLI, sheets) and by the renderer alike.
 */

/** The status vocabulary (colour + icon + word). `info` is neutral: a fact, neither good nor bad. */
export type Tone = 'ok' | 'pending' | 'warning' | 'failing' | 'error' | 'unknown' | 'info';
export interface Verdict {
  tone: Tone;
  word: string;
}

export const TONE_ICON: Record<Tone, string> = { ok: '✓', pending: '◔', warning: '!', failing: '✕', error: '⚠', unknown: '?', info: 'i' };

/** Worst first: the order in which two verdicts combine. */
const SEVERITY: readonly Tone[] = ['failing', 'error', 'warning', 'pending', 'unknown', 'info', 'ok'];
export function worse(a: Verdict, b: Verdict): Verdict {
  return SEVERITY.indexOf(b.tone) < SEVERITY.indexOf(a.tone) ? b : a;
}

/** Causes meaning "nothing is published at that name" (mirrors src-main/dns/causes.ts ABSENT). */
const ABSENT = new Set(['nxdomain', 'nodata', 'doubled-suffix', 'dmarc-missing']);

export interface RecordFacts {
  status: string;
  requirement: string;
  cause: string;
}

/**
 * One DNS record row. An informational row (nothing requires it for this option) is never ✓: it says what was
 * found, neutrally ("none found"), so "✓ ok" never stands next to "No MX records".
 */
export function recordVerdict(r: RecordFacts): Verdict {
  if (r.status === 'error') return { tone: 'error', word: 'lookup failed' };
  if (r.requirement === 'info') {
    if (ABSENT.has(r.cause)) return { tone: 'info', word: 'none found' };
    if (r.status === 'ok') return { tone: 'info', word: 'found' };
    return { tone: 'warning', word: 'faulty' };
  }
  switch (r.status) {
    case 'ok':
      return { tone: 'ok', word: 'ok' };
    case 'missing':
      return { tone: 'failing', word: 'missing' };
    case 'mismatch':
      return { tone: 'failing', word: 'wrong value' };
    default:
      return { tone: 'warning', word: ABSENT.has(r.cause) ? 'not found' : 'warning' };
  }
}

/** A whole DNS check ("failed-to-check" is the bulk runner's word for a check that could not run). */
export function checkVerdict(status: string): Verdict {
  switch (status) {
    case 'ok':
      return { tone: 'ok', word: 'DNS ok' };
    case 'failing':
      return { tone: 'failing', word: 'DNS failing' };
    case 'warning':
      return { tone: 'warning', word: 'DNS warning' };
    case 'error':
      return { tone: 'error', word: 'DNS lookup failed' };
    default:
      return { tone: 'unknown', word: 'DNS not checked' };
  }
}

export interface Option2Facts {
  /** The DNS check's DMARC verdict for unaligned mail. */
  dmarc: 'will-fail' | 'delivers-unaligned' | 'unknown';
  policy?: 'none' | 'quarantine' | 'reject' | null;
  /** Does the From domain accept mail (MX)? null = not known. Postmark's confirmation link must arrive. */
  receivesMail?: boolean | null;
}

/** "Is option 2 safe?" — the same answer on the Options card, the DNS tab, the sheets and the CLI. */
export function option2Verdict(f: Option2Facts): Verdict {
  if (f.dmarc === 'will-fail') {
    return { tone: 'failing', word: f.policy === 'quarantine' ? 'unsafe: DMARC fails → spam' : 'unsafe: DMARC fails → rejected' };
  }
  if (f.receivesMail === false) return { tone: 'failing', word: 'blocked: confirmation e-mail cannot arrive (no MX)' };
  if (f.dmarc === 'unknown') return { tone: 'unknown', word: 'not checked: run the DNS check' };
  return { tone: 'warning', word: 'works for now: DMARC fails, delivered' };
}

/** What a receiver does with an option's mail under DMARC (the Options card's deliverability line). */
export function dmarcOutcomeVerdict(d: { dmarc: 'pass' | 'fails-unaligned' | 'will-be-rejected' | 'unknown'; disposition: string }): Verdict {
  switch (d.dmarc) {
    case 'pass':
      return { tone: 'ok', word: 'DMARC passes' };
    case 'fails-unaligned':
      return { tone: 'warning', word: 'DMARC fails, delivered' };
    case 'will-be-rejected':
      return { tone: 'failing', word: d.disposition === 'spam' ? 'DMARC fails → spam' : 'DMARC fails → rejected' };
    case 'unknown':
      return { tone: 'unknown', word: 'DMARC not checked' };
  }
}

export const ASSESSMENT_VERDICT: Record<'ok' | 'risky' | 'unsafe' | 'impossible', Verdict> = {
  ok: { tone: 'ok', word: 'safe' },
  risky: { tone: 'warning', word: 'needs checking' },
  unsafe: { tone: 'failing', word: 'unsafe' },
  impossible: { tone: 'error', word: 'not possible' },
};

const STATUS_WORD: Record<string, Verdict> = {
  draft: { tone: 'unknown', word: 'draft' },
  provisioning: { tone: 'pending', word: 'provisioning' },
  'awaiting-dns': { tone: 'pending', word: 'awaiting DNS' },
  'awaiting-confirmation': { tone: 'pending', word: 'awaiting confirmation' },
  live: { tone: 'ok', word: 'live' },
  suspended: { tone: 'warning', word: 'suspended' },
  archived: { tone: 'unknown', word: 'archived' },
};

export function tenantStatusVerdict(status: string): Verdict {
  return STATUS_WORD[status] ?? { tone: 'unknown', word: status };
}

/**
 * The tenants list's one honest chip: the lifecycle status, made worse by the last DNS check when that check
 * fails on a tenant that claims to be live ("live · DNS failing"), so "live" never stands beside "✕ failing".
 */
export function tenantHealth(status: string, lastCheck: { status: string } | null): Verdict {
  const s = tenantStatusVerdict(status);
  if (!lastCheck || status !== 'live') return s;
  const c = checkVerdict(lastCheck.status);
  return c.tone === 'failing' || c.tone === 'error' ? { tone: c.tone, word: `${s.word} · ${c.word}` } : s;
}

/** What is known about one seed of a test send (the grid, the history and the CLI say the same words). */
export interface SeedFacts {
  state: 'queued' | 'sent' | 'inactive' | 'failed' | 'cancelled';
  eventType: string | null;
  /** The receiving server of the latest Delivered/Transient event, '' when Postmark did not name one. */
  eventServer?: string;
  /** A lost answer is being confirmed with Postmark before any re-send (issue #15). */
  confirming?: boolean;
}

/**
 * One seed's status: only what is known. Postmark's Delivered means the receiving server accepted the message,
 * not that it reached the inbox, so it reads "accepted by mx.gmail.com" (never "✓ delivered").
 */
export function seedVerdict(f: SeedFacts): Verdict {
  if (f.state === 'queued') return { tone: 'pending', word: f.confirming ? 'confirming with Postmark' : 'queued' };
  if (f.state === 'cancelled') return { tone: 'unknown', word: 'cancelled' };
  if (f.state === 'inactive') return { tone: 'failing', word: 'inactive' };
  if (f.state === 'failed') return { tone: 'error', word: 'refused' };
  const server = f.eventServer?.trim() ?? '';
  switch (f.eventType) {
    case 'Delivered':
      return { tone: 'info', word: server ? `accepted by ${server}` : 'accepted by the receiving server' };
    case 'Opened':
      return { tone: 'ok', word: 'opened' };
    case 'LinkClicked':
      return { tone: 'ok', word: 'clicked' };
    case 'Bounced':
      return { tone: 'failing', word: 'bounced' };
    case 'Transient':
      return { tone: 'warning', word: server ? `delayed by ${server}` : 'delayed' };
    case 'SubscriptionChanged':
      return { tone: 'warning', word: 'unsubscribed' };
    case null:
      return { tone: 'pending', word: 'sent' };
    // Postmark's own Status before any event: accepted and waiting, then handed to the receiving server.
    case 'Queued':
      return { tone: 'pending', word: 'queued at Postmark' };
    case 'Sent':
      return { tone: 'pending', word: 'sent, no event yet' };
    default:
      return { tone: 'unknown', word: f.eventType.toLowerCase() };
  }
}

/** Where a person found a seed's copy; the only words that say inbox vs spam. */
export const PLACEMENT_VERDICT: Record<'inbox' | 'spam' | 'missing', Verdict> = {
  inbox: { tone: 'ok', word: 'in the inbox' },
  spam: { tone: 'failing', word: 'in spam' },
  missing: { tone: 'failing', word: 'missing' },
};

/** "not checked" until a person looked in the seed inbox. */
export function placementVerdict(placement: 'inbox' | 'spam' | 'missing' | null): Verdict {
  return placement ? PLACEMENT_VERDICT[placement] : { tone: 'unknown', word: 'not checked' };
}

/**
 * Option 2's sender signature while Behalf waits for the customer's click. "watching" = Behalf asks Postmark by
 * itself; "stopped" = that window ended without a confirmation, so nothing changes until someone acts.
 */
export function senderConfirmationVerdict(confirmed: boolean, wait: 'watching' | 'stopped'): Verdict {
  if (confirmed) return { tone: 'ok', word: 'confirmed' };
  return wait === 'watching'
    ? { tone: 'pending', word: 'waiting for the confirmation click' }
    : { tone: 'warning', word: 'not confirmed yet: no longer checking by itself' };
}

/** Placement with where it came from: "in spam (read from the mailbox)" vs "in spam (recorded)". */
export function placementSourceWord(source: 'auto' | 'manual' | null): string {
  return source === 'auto' ? 'read from the mailbox' : source === 'manual' ? 'recorded' : '';
}

/** The receiver's authentication of one test message (from the seed mailbox's trusted Authentication-Results). */
export interface ReceivedAuthFacts {
  spf: { result: string; domain: string } | null;
  dkim: { result: string; domain: string }[];
  dmarc: { result: string; from: string } | null;
  dkimAligned: boolean | null;
}

const authTone = (result: string): Tone =>
  result === 'pass' ? 'ok' : result === 'none' || result === 'neutral' ? 'warning' : result === 'temperror' ? 'error' : 'failing';

/**
 * SPF, DKIM, DMARC and alignment as the receiver saw them, each a verdict with the domain it is about
 * ("SPF pass pm.mtasv.net", "DKIM pass acme.test", "DMARC fail acme.test", "DKIM aligned with From").
 * A check the receiver did not report reads "not reported", neutrally.
 */
export function receivedAuthVerdicts(a: ReceivedAuthFacts): { spf: Verdict; dkim: Verdict; dmarc: Verdict; alignment: Verdict } {
  const dkimPass = a.dkim.filter((d) => d.result === 'pass');
  const dkimShown = dkimPass.length ? dkimPass : a.dkim;
  return {
    spf: a.spf
      ? { tone: authTone(a.spf.result), word: `SPF ${a.spf.result}${a.spf.domain ? ` ${a.spf.domain}` : ''}` }
      : { tone: 'info', word: 'SPF not reported' },
    dkim: dkimShown.length
      ? { tone: authTone(dkimShown[0]!.result), word: `DKIM ${dkimShown[0]!.result} ${dkimShown.map((d) => d.domain || '?').join(', ')}` }
      : { tone: 'info', word: 'DKIM not reported' },
    dmarc: a.dmarc
      ? { tone: authTone(a.dmarc.result), word: `DMARC ${a.dmarc.result}${a.dmarc.from ? ` ${a.dmarc.from}` : ''}` }
      : { tone: 'info', word: 'DMARC not reported' },
    alignment:
      a.dkimAligned === null
        ? { tone: 'unknown', word: 'alignment unknown (no From)' }
        : a.dkimAligned
          ? { tone: 'ok', word: 'DKIM aligned with From' }
          : { tone: 'failing', word: 'DKIM not aligned with From' },
  };
}

/** The compose card's flag on a From Behalf made up because the tenant has none of its own. */
export const FALLBACK_FROM_VERDICT: Verdict = { tone: 'warning', word: 'fallback From' };

/** What the DMARC enforcement readiness knows (message counts over the period). */
export interface EnforcementFacts {
  messages: number;
  /** Messages failing DMARC, from any source. */
  wouldReject: number;
  /** Failing messages sent through Postmark: the tenant's own mail. */
  postmarkFailing: number;
  /** Failing sources neither Postmark nor marked legitimate, and their failing messages. */
  unknownSources: number;
  unknownFailing: number;
  /** Failing sources marked legitimate, and their failing messages. */
  legitimateSources: number;
  legitimateFailing: number;
}

/** Unknown senders may fail up to this share of all mail before "safe to move to quarantine" becomes "not yet". */
export const UNKNOWN_FAILING_LIMIT = 0.01;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** A share of mail for people: one decimal, "0.3%", "12%", "100%". */
export function shareOfMail(n: number, of: number): string {
  if (of <= 0) return '0%';
  const p = (n / of) * 100;
  const s = p >= 10 ? String(Math.round(p)) : p.toFixed(1).replace(/\.0$/, '');
  return `${s}%`;
}

/**
 * The readiness badge and its next step, in words ("safe to move to quarantine: only 2 unknown senders fail,
 * 0.3% of mail" / "not yet: …"). Postmark mail failing comes first (the tenant's own mail would be lost), then
 * senders staff marked legitimate that still fail (they must align first), then unknown senders by their share.
 */
export function enforcementVerdict(f: EnforcementFacts): Verdict & { nextStep: string } {
  if (f.messages === 0)
    return { tone: 'unknown', word: 'no data', nextStep: 'not yet: no DMARC reports for this period, so nothing is known about who sends.' };
  if (f.wouldReject === 0) return { tone: 'ok', word: 'ready', nextStep: 'safe to move to quarantine: all mail passes DMARC.' };
  if (f.postmarkFailing > 0) {
    return {
      tone: 'failing',
      word: 'own mail would be lost',
      nextStep: `not yet: ${plural(f.postmarkFailing, 'Postmark message')} fail DMARC (${shareOfMail(f.postmarkFailing, f.messages)} of mail); fix DKIM and Return-Path first.`,
    };
  }
  if (f.legitimateSources > 0) {
    return {
      tone: 'warning',
      word: 'legitimate senders fail',
      nextStep: `not yet: ${plural(f.legitimateSources, 'legitimate sender')} ${f.legitimateSources === 1 ? 'fails' : 'fail'} DMARC (${shareOfMail(f.legitimateFailing, f.messages)} of mail); have ${f.legitimateSources === 1 ? 'it' : 'them'} sign with DKIM for the domain first.`,
    };
  }
  const share = shareOfMail(f.unknownFailing, f.messages);
  const who = `${plural(f.unknownSources, 'unknown sender')} ${f.unknownSources === 1 ? 'fails' : 'fail'}`;
  if (f.unknownFailing / f.messages > UNKNOWN_FAILING_LIMIT) {
    return {
      tone: 'warning',
      word: 'unknown senders fail',
      nextStep: `not yet: ${who}, ${share} of mail; mark the ones you know as legitimate senders, or fix them.`,
    };
  }
  return { tone: 'ok', word: 'only unknown senders fail', nextStep: `safe to move to quarantine: only ${who}, ${share} of mail.` };
}
