import { useCallback, useEffect, useState } from 'react';
import { useApi, useEvent } from '../../app/api-context';

/**
 * The tenant's latest saved DNS check status, for the page header's health chip. Re-read whenever the tenant
 * changes (a check, a verify that makes it live), so the header says what the tenants list says.
 */
export function useLastCheck(id: string): { status: string } | null {
  const api = useApi();
  const [last, setLast] = useState<{ status: string } | null>(null);
  const load = useCallback(() => {
    let stale = false;
    // No check, or one that cannot be read, leaves the chip at the lifecycle status (the list does the same).
    api.dns.latest({ id }).then((r) => !stale && setLast(r.check ? { status: r.check.status } : null), () => !stale && setLast(null));
    return () => {
      stale = true;
    };
  }, [api, id]);
  useEffect(load, [load]);
  useEvent('tenants.changed', (e) => (e.ids.length === 0 || e.ids.includes(id)) && load());
  return last;
}
