import type { BehalfApi, BehalfBridge } from '../../src-preload/api/contract';
import type { Envelope } from '../../src-preload/api/define';
import type { EventMap, EventName } from '../../src-preload/api/events';

/** How a call reaches main: Electron's preload bridge or the browser host's HTTP transport. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  readonly kind: 'electron' | 'browser-host';
  /** Browser host only: whether this tab holds a live session, and ending it. */
  signedIn?(): boolean;
  signOut?(): Promise<void>;
}

/** An error from main, with the contract's code and hint intact. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Client {
  api: BehalfApi;
  on<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void;
  kind: Transport['kind'];
  signedIn(): boolean;
  /** Present in the browser host only (Electron has no session to end). */
  signOut?: () => Promise<void>;
}

/**
 * Builds the typed API over any transport; the UI never knows which door. The methods are made on first use from
 * their names (`api.tenants.list` calls `tenants.list`), so the renderer needs the contract's types only, not its
 * schemas: building zod's schemas for the whole contract took ~65 ms before the console's first paint (issue #17,
 * P5). A name outside the contract does not type-check (BehalfApi); at run time the browser host answers one with
 * an error, and the preload bridge has no such method.
 */
export function createClient(transport: Transport): Client {
  const call = (channel: string) => async (input?: unknown) => {
    const env = await transport.invoke(channel, input ?? {});
    if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.hint);
    return env.value;
  };
  /** The same object for the same name. Symbols and `then`/`toJSON` are not methods: the API is no thenable. */
  const named = <T>(make: (name: string) => T) => {
    const made = new Map<string, T>();
    return new Proxy({} as Record<string, T>, {
      get: (_t, name) => {
        if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
        if (!made.has(name)) made.set(name, make(name));
        return made.get(name);
      },
    });
  };
  const api = named((ns) => named((m) => call(`${ns}.${m}`)));
  return {
    api: api as unknown as BehalfApi,
    on: (name, listener) => transport.subscribe(name, listener as (p: unknown) => void),
    kind: transport.kind,
    signedIn: () => transport.signedIn?.() ?? true,
    signOut: transport.signOut?.bind(transport),
  };
}

/** Electron: window.behalf from the preload. */
export function bridgeTransport(bridge: BehalfBridge): Transport {
  const b = bridge as unknown as Record<string, Record<string, (i: unknown) => Promise<Envelope<unknown>>>> & {
    events: { subscribe(n: string, l: (p: unknown) => void): () => void };
  };
  return {
    kind: 'electron',
    invoke: (channel, input) => {
      const [ns, m] = channel.split('.') as [string, string];
      return b[ns]![m]!(input);
    },
    subscribe: (event, listener) => b.events.subscribe(event, listener),
  };
}
