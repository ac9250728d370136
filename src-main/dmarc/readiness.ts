import type { Database } from 'better-sqlite3';
import { enforcementVerdict, type Tone } from '../../src-preload/api/verdicts';
import { sourcesFor, type PtrChoice, type SourceFlag, type SourcesReport } from './sources';
import type { DmarcScope } from './report-query-store';

export interface FailingSource {
  ip: string;
  ptr: string | null;
  /** All messages from this source, and those that failed DMARC (would have been rejected). */
  count: number;
  failing: number;
  postmark: boolean;
  /** The sending domain marked legitimate this source passes for, else null. */
  legitimate: string | null;
  flag: SourceFlag | null;
}

export interface EnforcementReadiness {
  domain: string;
  from: string | null;
  to: string | null;
  messages: number;
  /** N: messages that failed DMARC, i.e. that p=reject would have rejected. */
  wouldReject: number;
  /** M: sources those messages came from. */
  failingSources: number;
  /** Of wouldReject, messages from Postmark: the tenant's own mail, the part that must be fixed first. */
  postmarkFailing: number;
  /** Failing sources neither Postmark nor marked legitimate ("unknown senders"), and their failing messages. */
  unknownSources: number;
  unknownFailing: number;
  /** Failing sources marked legitimate, and their failing messages. */
  legitimateSources: number;
  legitimateFailing: number;
  /** The badge and the next step in words (src-preload/api/verdicts.ts decides them). */
  verdict: { tone: Tone; word: string };
  nextStep: string;
  /** One line for people, e.g. "Had p=reject applied …, 40 messages from 2 sources would have been rejected." */
  summary: string;
  /** Only sources failing DMARC, most failures first. */
  sources: FailingSource[];
}

/** What p=reject would have done to this domain's mail over the period. */
export async function enforcementReadiness(
  db: Database,
  query: DmarcScope & PtrChoice,
  reportOf: (db: Database, query: DmarcScope & PtrChoice) => Promise<SourcesReport> = sourcesFor,
): Promise<EnforcementReadiness> {
  const report = await reportOf(db, query);
  const sources = report.sources
    .map((s): FailingSource => ({
      ip: s.ip,
      ptr: s.ptr,
      count: s.count,
      failing: s.count - s.dmarcPass,
      postmark: s.postmark,
      legitimate: s.legitimate,
      flag: s.flag,
    }))
    .filter((s) => s.failing > 0)
    .sort((a, b) => b.failing - a.failing || (a.ip < b.ip ? -1 : 1));
  const wouldReject = sources.reduce((n, s) => n + s.failing, 0);
  const sum = (xs: FailingSource[]) => xs.reduce((n, s) => n + s.failing, 0);
  const postmarkFailing = sum(sources.filter((s) => s.postmark));
  const unknown = sources.filter((s) => !s.postmark && s.legitimate === null);
  const legit = sources.filter((s) => !s.postmark && s.legitimate !== null);
  const facts = {
    messages: report.messages,
    wouldReject,
    postmarkFailing,
    unknownSources: unknown.length,
    unknownFailing: sum(unknown),
    legitimateSources: legit.length,
    legitimateFailing: sum(legit),
  };
  const { nextStep, ...verdict } = enforcementVerdict(facts);
  return {
    domain: report.domain,
    from: report.from,
    to: report.to,
    ...facts,
    failingSources: sources.length,
    verdict,
    nextStep,
    summary: sentence(report.domain, report.from, report.to, report.messages, wouldReject, sources.length),
    sources,
  };
}

function sentence(domain: string, from: string | null, to: string | null, messages: number, n: number, m: number): string {
  const period = from && to ? ` from ${from} to ${to}` : from ? ` since ${from}` : to ? ` until ${to}` : '';
  if (messages === 0) return `No DMARC report data for ${domain}${period}.`;
  const plural = (k: number, word: string) => `${k.toLocaleString('en-US')} ${word}${k === 1 ? '' : 's'}`;
  return `Had p=reject applied to ${domain}${period}, ${plural(n, 'message')} from ${plural(m, 'source')} would have been rejected (of ${plural(messages, 'message')} reported).`;
}
