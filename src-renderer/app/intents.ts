import { useEffect, useRef } from 'react';

/**
 * One-shot requests from the command palette to a screen that may not be mounted yet ("open the Add tenant
 * dialog"): the palette navigates, then asks; the screen handles the request when it mounts, or at once if it
 * already is. A request nobody handles simply waits (and is replaced by the next one of the same name).
 */
export type IntentName = 'tenants.add' | 'tenants.import' | 'dns.recheck-all' | 'dmarc.import' | 'tenant.check-dns';

const pending = new Set<IntentName>();
const EVENT = 'behalf:intent';

export function requestIntent(name: IntentName): void {
  pending.add(name);
  window.dispatchEvent(new CustomEvent(EVENT, { detail: name }));
}

/** Runs `handler` once per request of `name` while the calling component is mounted. */
export function useIntent(name: IntentName, handler: () => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const take = () => {
      if (pending.delete(name)) ref.current();
    };
    take();
    window.addEventListener(EVENT, take);
    return () => window.removeEventListener(EVENT, take);
  }, [name]);
}
