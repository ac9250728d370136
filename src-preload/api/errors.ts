/**
 * The one error shape that crosses every door (IPC, browser host, CLI).
 * `code` is stable and machine-readable; `message` says what went wrong; `hint` says what to do.
 * Its schema is in error-schema.ts: every worker thread loads this file, and zod is not needed for a type.
 */
export interface ApiErrorShape {
  code: string;
  message: string;
  hint?: string;
}

/** Thrown by services; doors serialise it as `{ code, message, hint }`. */
export class BehalfError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'BehalfError';
    this.code = code;
    this.hint = hint;
  }
  toShape(): ApiErrorShape {
    return this.hint === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * The ledger's write lock could not be had in time (issue #21). Raised only before anything was written, so
 * the same request can simply be repeated: the console keeps the edit and retries, the CLI exits 3.
 * `holder` is who holds the lock where main can tell ("behalf dmarc import (pid 4242)").
 */
export function ledgerBusyError(holder = 'another process'): BehalfError {
  return new BehalfError(
    'ledger.busy',
    `The ledger is busy (held by ${holder}); nothing was saved.`,
    'Try again in a moment. If it stays busy, let the program named here finish, or stop it.',
  );
}

/**
 * better-sqlite3's SqliteError for a write that waited out the busy timeout (SQLITE_BUSY and its extended
 * codes; SQLITE_LOCKED is a conflict inside one connection, not another process's lock).
 */
export function isSqliteBusy(err: unknown): boolean {
  const code = err && typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Any thrown value -> the error shape, without leaking stack traces or internals. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof BehalfError) return err.toShape();
  if (isSqliteBusy(err)) return ledgerBusyError().toShape();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err && typeof (err as { code: unknown }).code === 'string') {
    const e = err as { code: string; message: string; hint?: unknown };
    return typeof e.hint === 'string' ? { code: e.code, message: String(e.message), hint: e.hint } : { code: e.code, message: String(e.message) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, hint: 'This is a bug in Behalf: please report it with the steps that led here.' };
}
