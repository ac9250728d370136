import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';

/** Team status, asked again whenever main says it may have changed (sync rounds, edits here, resolutions). */
export function useTeamStatus() {
  const api = useApi();
  const query = useQuery(() => api.team.status({}), [api]);
  useEvent('team.changed', query.reload);
  useEvent('tenants.changed', query.reload); // an edit here adds a change waiting
  return query;
}
