import { isLookupFailure, type Cause, type Requirement } from './causes';
import { hasLiteralQuotes, joinTxt, judgeDkim, looksLikeDkim, dkimKey, unquote } from './dkim-value';
import { describeFailure, lookupProblem, relativeHost } from './messages';
import { doubledName } from './names';
import { NOTHING_TO_CHANGE, preview, recordResult, type RecordResult, type ResultFields } from './record-result';
import type { ViewClients } from './views';

export interface DkimTarget {
  domain: string;
  /** The zone the record is entered in (for relative hosts and the doubled-suffix spelling). */
  zone: string;
  name: string;
  expectedValue?: string;
  requirement: Requirement;
}

const FIX_BY_CAUSE = {
  'dkim-mismatch': 'Replace the TXT value at HOST with the exact value Postmark shows for this domain.',
  'dkim-truncated': 'Paste the whole value again; if the panel limits length, enter it as several quoted strings of at most 255 characters.',
  'dkim-quoted': 'Edit the TXT record at HOST and remove the quote characters; the panel adds its own.',
  'dkim-malformed': 'Replace the value at HOST with exactly what Postmark shows, starting "k=rsa; p=".',
} as const;

/** The DKIM TXT record Postmark asked for: present, whole, unquoted, and the same key. */
export async function checkDkim(clients: ViewClients, t: DkimTarget): Promise<RecordResult> {
  const host = relativeHost(t.name, t.zone);
  const expected = t.expectedValue ?? null;
  const row = (cause: Cause, f: Omit<ResultFields, 'expected'>) => recordResult('dkim', t.name, t.requirement, cause, { ...f, expected });
  const found = await clients.primary.txt(t.name);
  if (!found.ok) {
    if (isLookupFailure(found.cause)) return row(found.cause, lookupProblem(t.name, found.cause, clients.primary.label));
    const doubled = doubledName(t.name, t.zone);
    const there = await clients.primary.txt(doubled);
    if (there.ok && there.value.some((c) => looksLikeDkim(joinTxt(c)))) {
      return row('doubled-suffix', {
        observed: `${doubled}: ${preview(joinTxt(there.value[0] ?? []))}`,
        message: `The DKIM record sits at ${doubled}: the DNS panel appended the domain to a full host name.`,
        fix: `Change the record's host to "${host}" only (or end the full name with a dot).`,
      });
    }
    return row(found.cause, {
      message: `No DKIM record at ${t.name}: ${describeFailure(found.cause)}.`,
      fix: `Add a TXT record with host "${host}" and the value Postmark shows (k=rsa; p=…).`,
    });
  }
  const values = found.value.map(joinTxt);
  const observed = values.join(' | ');
  const dkimRecords = found.value.filter((chunks) => looksLikeDkim(joinTxt(chunks)));
  if (dkimRecords.length > 1) {
    return row('dkim-malformed', {
      observed,
      message: `${dkimRecords.length} DKIM records are published at ${t.name}; receivers may pick either.`,
      fix: `Keep one TXT record at "${host}" with Postmark's value and delete the others.`,
    });
  }
  const chunks = dkimRecords[0] ?? found.value[0] ?? [];
  const verdict = judgeDkim(chunks, t.expectedValue);
  if (verdict.cause === 'ok') {
    return row('ok', { observed, message: `DKIM key at ${t.name}: ${verdict.detail}.`, fix: NOTHING_TO_CHANGE });
  }
  return row(verdict.cause, {
    observed,
    message: `DKIM record at ${t.name}: ${verdict.detail}.`,
    fix: FIX_BY_CAUSE[verdict.cause].replace('HOST', host),
  });
}

export interface RevokedDkimTarget {
  domain: string;
  zone: string;
  name: string;
  value?: string;
  safeToRemove: boolean;
}

/** After a rotation the old key may stay published until Postmark says it is safe to delete. */
export async function checkRevokedDkim(clients: ViewClients, t: RevokedDkimTarget): Promise<RecordResult> {
  const row = (cause: Cause, f: ResultFields) =>
    recordResult('dkim-revoked', t.name, 'info', cause, { expected: 'removed once Postmark says it is safe', ...f });
  const found = await clients.primary.txt(t.name);
  if (!found.ok) {
    if (isLookupFailure(found.cause)) return row(found.cause, lookupProblem(t.name, found.cause, clients.primary.label));
    return row('ok', { message: `The revoked DKIM key at ${t.name} is no longer published.`, fix: NOTHING_TO_CHANGE });
  }
  const values = found.value.map(joinTxt);
  const revokedKey = t.value === undefined ? null : dkimKey(unquote(t.value));
  const stillThere = values.some((v) => looksLikeDkim(v) && (revokedKey === null || dkimKey(unquote(v)) === revokedKey || hasLiteralQuotes(v)));
  const observed = values.join(' | ');
  if (!stillThere) {
    return row('ok', { observed, message: `The revoked key is gone from ${t.name}.`, fix: NOTHING_TO_CHANGE });
  }
  if (!t.safeToRemove) {
    return row('ok', {
      observed,
      message: `The revoked DKIM key is still published at ${t.name}; keep it until Postmark says it is safe to remove.`,
      fix: NOTHING_TO_CHANGE,
    });
  }
  return row('revoked-key-still-published', {
    observed,
    message: `The revoked DKIM key is still published at ${t.name} and Postmark says it is safe to remove.`,
    fix: `Delete the TXT record with host "${relativeHost(t.name, t.zone)}".`,
  });
}
