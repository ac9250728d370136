import { BehalfError } from '../../../../src-preload/api/errors';

/** An error as it crosses a thread (structured clone drops its class): `toWire` on one side, `rebuildError` on the other. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  hint?: string;
  stack?: string;
}

export function toWire(err: unknown): WireError {
  const e = err as Error & { code?: unknown; hint?: unknown };
  return {
    name: e?.name ?? 'Error',
    message: e?.message ?? String(err),
    stack: e?.stack,
    code: typeof e?.code === 'string' ? e.code : undefined,
    hint: typeof e?.hint === 'string' ? e.hint : undefined,
  };
}

/** The same kind of error the other thread threw: a BehalfError keeps its code and hint. */
export function rebuildError(e: WireError): Error {
  const err =
    e.name === 'BehalfError' && e.code !== undefined
      ? new BehalfError(e.code, e.message, e.hint)
      : Object.assign(new Error(e.message), { name: e.name }, e.code === undefined ? {} : { code: e.code });
  if (e.stack) err.stack = e.stack;
  return err;
}
