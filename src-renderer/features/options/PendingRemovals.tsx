import { useCallback, useEffect, useState } from 'react';
import type { DeferredRemovalView } from '../../../src-preload/api/options';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { DeferredList } from './SwitchOutcome';

/** Options tab: Postmark removals an earlier switch parked until the new way of sending works. */
export function PendingRemovals({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const [pending, setPending] = useState<DeferredRemovalView[]>([]);
  const load = useCallback(() => {
    api.options.deferredRemovals({ id: tenant.id }).then((r) => setPending(r.pending), () => undefined);
  }, [api, tenant.id]);
  useEffect(load, [load, tenant.updatedAt]);
  // A verify or a finished job may have released one.
  useEvent('outbox.changed', (e) => {
    if (e.tenantId === null || e.tenantId === tenant.id) load();
  });
  if (pending.length === 0) return null;
  return (
    <section className="card pending-removals" aria-label="Removals waiting">
      <h2>Removals waiting in Postmark</h2>
      <p className="muted">The old way of sending stays until the new one works, so {tenant.name}'s mail never stops in between.</p>
      <DeferredList items={pending} />
    </section>
  );
}
