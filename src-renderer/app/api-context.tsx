import { createContext, useContext, useEffect, useRef } from 'react';
import type { BehalfApi, BehalfBridge } from '../../src-preload/api/contract';
import type { EventMap, EventName } from '../../src-preload/api/events';
import { bridgeTransport, createClient, type Client } from './client';
import { hostTransport } from './host-transport';

declare global {
  interface Window {
    behalf?: BehalfBridge;
  }
}

/** Electron's preload puts window.behalf in place; otherwise we are in the browser host. */
export function connect(): Client {
  return createClient(window.behalf ? bridgeTransport(window.behalf) : hostTransport());
}

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const c = useContext(ClientContext);
  if (!c) throw new Error('ClientContext missing');
  return c;
}

export function useApi(): BehalfApi {
  return useClient().api;
}

/** Subscribes for the component's lifetime; the latest callback is always used. */
export function useEvent<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): void {
  const client = useClient();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => client.on(name, (p) => ref.current(p)), [client, name]);
}
