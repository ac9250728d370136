import { useApi, useEvent } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';

/**
 * The tenant's latest saved DNS check status, for the page header's health chip. Re-read whenever the tenant
 * changes (a check, a verify that makes it live), so the header says what the tenants list says.
 */
export function useLastCheck(id: string): { status: string } | null {
  const api = useApi();
  const query = useQuery(() => api.dns.latest({ id }), [api, id]);
  useEvent('tenants.changed', (e) => (e.ids.length === 0 || e.ids.includes(id)) && query.reload());
  // No check, or one that cannot be read, leaves the chip at the lifecycle status (the list does the same); the
  // DNS tab shows that read's error where the check itself is.
  const check = query.error ? null : query.data?.check;
  return check ? { status: check.status } : null;
}
