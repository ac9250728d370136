import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { activityLine } from './activity-text';

/** Tenant detail → Activity: everything done for the tenant, newest first, in words (failures included). */
export function ActivityTab({ id }: { id: string }) {
  const api = useApi();
  const query = useQuery(() => api.tenants.audit({ id }), [api, id]);
  const entries = query.data?.entries ?? null;
  useEvent('tenants.changed', (e) => e.ids.includes(id) && query.reload());
  if (query.error) return <ErrorBox error={query.error} />;
  if (!entries) return <div className="muted">Loading…</div>;
  return (
    <div className="card">
      <h2>Activity</h2>
      <ul className="audit" aria-label="Activity">
        {entries.map((e) => {
          const l = activityLine(e);
          return (
            <li key={e.id}>
              <span className="mono muted">{e.at.replace('T', ' ').slice(0, 19)}</span>
              <span>{l.tone ? <StatusChip tone={l.tone} label={l.what} /> : <strong>{l.what}</strong>}</span>
              <span title={e.field ? undefined : e.action}>{l.detail}</span>
              {e.operatorName ? (
                <span className="muted" title={e.operatorEmail ?? undefined}>
                  by {e.operatorName}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
