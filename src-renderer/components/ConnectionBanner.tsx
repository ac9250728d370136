import type { OutboxJob } from '../../src-preload/api/postmark';
import { useApi } from '../app/api-context';
import { useQuery } from '../app/data/use-query';
import { errorText } from './Feedback';

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
  // Events cover queue changes; the poll notices a token or network change while nothing else happens.
  const query = useQuery(
    async () => {
      const s = await api.postmark.status({});
      // Only when work waits is it worth reading the queue to learn whether Postmark answered last time.
      const down = s.hasToken && !s.blockedBy && s.queued > 0 ? outageOf((await api.postmark.jobs({ states: ['queued'] })).jobs) : null;
      return { status: s, outage: down };
    },
    [api],
    { refreshOn: ['outbox.changed', 'settings.changed'], pollMs: 30_000 },
  );

  // A failed read keeps the last known state on screen (the next poll tries again); with none yet, it says so.
  if (!query.data) {
    return query.error ? (
      <div className="banner offline" role="status" data-testid="connection-banner">
        <strong>Postmark status unknown</strong> · {errorText(query.error)}
      </div>
    ) : null;
  }
  const { status, outage } = query.data;
  const queued = status.queued > 0 ? `${status.queued.toLocaleString()} Postmark operation${status.queued === 1 ? '' : 's'} queued` : 'Nothing queued';
  if (!status.hasToken && !contextual) {
    return (
      <div className="banner offline" role="status" data-testid="connection-banner">
        <strong>No Postmark token</strong> · {queued}; work runs once you <a href="#/settings">add the account token</a> in Settings. Everything else works as
        usual.
      </div>
    );
  }
  const problem = status.blockedBy && !contextual ? status.blockedBy : outage;
  if (status.hasToken && problem) {
    return (
      <div className="banner offline" role="status" data-testid="connection-banner" title={`${problem.message} ${problem.hint}`}>
        {problem.code === 'postmark.unauthorized' ? (
          <>
            <strong>Postmark refused the token</strong> · {queued}; work runs once you <a href="#/settings">replace the token</a> in Settings.
          </>
        ) : problem.code === 'postmark.endpoint' ? (
          <>
            <strong>Postmark did not answer this</strong> (not Postmark at the API URL: a proxy page or a wrong URL) · {queued}; nothing was changed.{' '}
            <a href="#/settings">Check the API URL in Settings</a>.
          </>
        ) : (
          <>
            <strong>Postmark unreachable</strong> · {queued}; they run once it answers. Everything else works as usual.{' '}
            <a href="#/provisioning">Open the outbox</a>
          </>
        )}
      </div>
    );
  }
  return null;
}
