import { contract, type BehalfApi, type BehalfBridge } from '../../src-preload/api/contract';
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

/** Builds the typed API from the contract's method list over any transport; the UI never knows which door. */
export function createClient(transport: Transport): Client {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const ns of Object.keys(contract)) {
    api[ns] = {};
    for (const m of Object.keys(contract[ns as keyof typeof contract])) {
      api[ns]![m] = async (input?: unknown) => {
        const env = await transport.invoke(`${ns}.${m}`, input ?? {});
        if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.hint);
        return env.value;
      };
    }
  }
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
