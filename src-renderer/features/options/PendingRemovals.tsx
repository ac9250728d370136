import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { DeferredList } from './SwitchOutcome';

/** Options tab: Postmark removals an earlier switch parked until the new way of sending works. */
export function PendingRemovals({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const query = useQuery(() => api.options.deferredRemovals({ id: tenant.id }), [api, tenant.id, tenant.updatedAt]);
  const pending = query.data?.pending ?? [];
  // A verify or a finished job may have released one.
  useEvent('outbox.changed', (e) => {
    if (e.tenantId === null || e.tenantId === tenant.id) query.reload();
  });
  if (query.error) return <ErrorBox error={query.error} />;
  if (pending.length === 0) return null;
  return (
    <section className="card pending-removals" aria-label="Removals waiting">
      <h2>Removals waiting in Postmark</h2>
      <p className="muted">The old way of sending stays until the new one works, so {tenant.name}'s mail never stops in between.</p>
      <DeferredList items={pending} />
    </section>
  );
}
