import { teamLine } from './team-line';
import { useTeamStatus } from './use-team-status';

/** The sidebar's line under the areas: nothing in single-user mode; the team's sync state and open conflicts. */
export function TeamLine() {
  const status = useTeamStatus().data;
  const line = status ? teamLine(status) : null;
  if (!status || !line) return null;
  return (
    <div className={`team-line team-${line.tone}`} data-testid="team-line" role="status">
      <span className="team-dot" aria-hidden="true" />
      {line.text}
      {status.conflicts > 0 && (
        <>
          {' '}
          ·{' '}
          <a href="#/settings" className="team-conflicts-link">
            {status.conflicts === 1 ? '1 conflict' : `${status.conflicts} conflicts`}
          </a>
        </>
      )}
    </div>
  );
}
