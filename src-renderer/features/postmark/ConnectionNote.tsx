import type { PostmarkStatus } from '../../../src-preload/api/postmark';

/**
 * Offline and "no token" are normal states: one quiet line saying what waits and how to let it run.
 * Nothing is disabled by it; queued work is kept in the ledger.
 */
export function ConnectionNote({ status }: { status: PostmarkStatus | null }) {
  if (!status) return null;
  const waiting = status.queued > 0 ? ` ${status.queued} Postmark operation${status.queued === 1 ? '' : 's'} queued; nothing is lost.` : '';
  if (!status.hasToken) {
    return (
      <div className="banner pm-note" role="status">
        No Postmark account token is set: work is queued here and runs once you add it in <a href="#/settings">Settings</a>.{waiting}
      </div>
    );
  }
  if (status.blockedBy) {
    return (
      <div className="banner pm-note" role="status">
        Postmark is not reachable right now ({status.blockedBy.message}).{waiting} {status.blockedBy.hint}
      </div>
    );
  }
  return null;
}
