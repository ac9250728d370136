import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutboxJob, PostmarkStatus } from '../../src-preload/api/postmark';
import { useApi, useEvent } from '../app/api-context';

/** Job errors that mean "Postmark did not answer" (the outbox retries these; the runner itself stays idle). */
const OUTAGE = new Set(['postmark.offline', 'postmark.timeout', 'postmark.unavailable', 'postmark.endpoint']);

/** The latest "could not reach Postmark" error among queued jobs, if the last attempt failed that way. */
function outageOf(jobs: OutboxJob[]): OutboxJob['lastError'] {
  const latest = jobs.filter((j) => j.attempts > 0 && j.lastError).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return latest?.lastError && OUTAGE.has(latest.lastError.code) ? latest.lastError : null;
}

/**
 * Offline is a normal state (ui.md): one quiet line above every screen when Postmark cannot be reached or no
 * account token is set, counting the work that waits. Nothing is disabled by it; everything local keeps working.
 * `contextual`: the screen (Provisioning, a tenant's Postmark tab) already explains a missing or refused token.
 */
export function ConnectionBanner({ contextual }: { contextual?: boolean }) {
  const api = useApi();
  const [status, setStatus] = useState<PostmarkStatus | null>(null);
  const [outage, setOutage] = useState<OutboxJob['lastError']>(null);
  const seq = useRef(0);
  const load = useCallback(() => {
    const mine = ++seq.current;
    void api.postmark.status({}).then(async (s) => {
      // Only when work waits is it worth reading the queue to learn whether Postmark answered last time.
      const down = s.hasToken && !s.blockedBy && s.queued > 0 ? outageOf((await api.postmark.jobs({ states: ['queued'] })).jobs) : null;
      if (mine !== seq.current) return;
      setStatus(s);
      setOutage(down);
    }).catch(() => undefined);
  }, [api]);
  useEffect(() => {
    load();
    // Events cover queue changes; the poll notices a token or network change while nothing else happens.
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [load]);
  useEvent('outbox.changed', load);
  useEvent('settings.changed', load);

  if (!status) return null;
  const queued = status.queued > 0 ? `${status.queued.toLocaleString()} Postmark operation${status.queued === 1 ? '' : 's'} queued` : 'Nothing queued';
  if (!status.hasToken && !contextual) {
    return (
      <div className="banner offline" role="status" data-testid="connection-banner">
        <strong>No Postmark token</strong> · {queued}; work runs once you <a href="#/settings">add the account token</a> in Settings. Everything else works as usual.
      </div>
    );
  }
  const problem = status.blockedBy && !contextual ? status.blockedBy : outage;
  if (status.hasToken && problem) {
    return (
      <div className="banner offline" role="status" data-testid="connection-banner" title={`${problem.message} ${problem.hint}`}>
        {problem.code === 'postmark.unauthorized'
          ? <><strong>Postmark refused the token</strong> · {queued}; work runs once you <a href="#/settings">replace the token</a> in Settings.</>
          : problem.code === 'postmark.endpoint'
          ? <><strong>Postmark did not answer this</strong> (not Postmark at the API URL: a proxy page or a wrong URL) · {queued}; nothing was changed. <a href="#/settings">Check the API URL in Settings</a>.</>
          : <><strong>Postmark unreachable</strong> · {queued}; they run once it answers. Everything else works as usual. <a href="#/provisioning">Open the outbox</a></>}
      </div>
    );
  }
  return null;
}
