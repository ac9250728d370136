import { useEffect, useRef } from 'react';

/**
 * One-shot requests from the command palette to a screen that may not be mounted yet ("open the Add tenant
 * dialog"): the palette navigates, then asks; the screen handles the request when it mounts, or at once if it
 * already is. A request nobody handles simply waits (and is replaced by the next one of the same name).
 */
export type IntentName = 'tenants.add' | 'tenants.import' | 'dns.recheck-all' | 'dmarc.import' | 'tenant.check-dns';

/** name → the subject it is for ('' for any): "check DNS" is for one tenant, never for whichever tab is up. */
const pending = new Map<IntentName, string>();
const EVENT = 'behalf:intent';

export function requestIntent(name: IntentName, subject = ''): void {
  pending.set(name, subject);
  window.dispatchEvent(new CustomEvent(EVENT, { detail: name }));
}

/**
 * Runs `handler` once per request of `name` while the calling component is mounted. With a `subject` (a tenant
 * id), only a request for that subject is taken: a screen still showing the previous tenant while the next one
 * loads must not act on the request meant for the next.
 */
export function useIntent(name: IntentName, handler: () => void, subject = ''): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const take = () => {
      const wanted = pending.get(name);
      if (wanted === undefined || (wanted !== '' && wanted !== subject)) return;
      pending.delete(name);
      ref.current();
    };
    take();
    window.addEventListener(EVENT, take);
    return () => window.removeEventListener(EVENT, take);
  }, [name, subject]);
}
