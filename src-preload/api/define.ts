import type { z } from 'zod';

/** A contract method: schemas for what goes in and what comes out. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> {
  return { input, output };
}

export type Namespace = Record<string, MethodDef>;
export type ContractShape = Record<string, Namespace>;

/** `tenants.list`, `settings.get`, … : the only place channel names are made. */
export type ChannelOf<C extends ContractShape> = {
  [NS in keyof C & string]: `${NS}.${keyof C[NS] & string}`;
}[keyof C & string];

export type InputOf<D> = D extends MethodDef<infer I, z.ZodType> ? z.input<I> : never;
export type OutputOf<D> = D extends MethodDef<z.ZodType, infer O> ? z.output<O> : never;

/** The promise-returning API the renderer uses (errors thrown as ApiError). */
export type ApiOf<C extends ContractShape> = {
  [NS in keyof C]: { [M in keyof C[NS]]: (input: InputOf<C[NS][M]>) => Promise<OutputOf<C[NS][M]>> };
};

/** Every door answers with this envelope, so errors keep their code and hint across IPC and HTTP. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; hint?: string } };

/** What the preload exposes: the same methods, answering envelopes, plus event subscription. */
export type BridgeOf<C extends ContractShape, E> = {
  [NS in keyof C]: { [M in keyof C[NS]]: (input: InputOf<C[NS][M]>) => Promise<Envelope<OutputOf<C[NS][M]>>> };
} & { events: { subscribe<K extends keyof E & string>(name: K, listener: (payload: E[K]) => void): () => void } };

export function channelsOf<C extends ContractShape>(contract: C): ChannelOf<C>[] {
  const out: string[] = [];
  for (const ns of Object.keys(contract)) for (const m of Object.keys(contract[ns]!)) out.push(`${ns}.${m}`);
  return out as ChannelOf<C>[];
}

export function lookupMethod<C extends ContractShape>(contract: C, channel: string): MethodDef | undefined {
  const dot = channel.indexOf('.');
  if (dot < 0) return undefined;
  const ns = channel.slice(0, dot);
  const m = channel.slice(dot + 1);
  if (!Object.hasOwn(contract, ns)) return undefined;
  const space = contract[ns]!;
  return Object.hasOwn(space, m) ? space[m] : undefined;
}
