import { BehalfError } from '../../src-preload/api/errors';

interface Recorder {
  record(id: string, action: string, detail?: string): void;
}

/**
 * Runs something a person did for a tenant and writes it to the tenant's Activity either way: a test send or a
 * sheet that failed is as much part of the story as one that went out ("why did Nordlicht never get the sheet?").
 */
/** `done` returns null when the service records success itself (with details only it knows). */
export async function withActivity<T>(
  tenants: Recorder,
  tenantId: string,
  action: string,
  run: () => Promise<T>,
  done: (value: T) => string | null,
): Promise<T> {
  try {
    const value = await run();
    const detail = done(value);
    if (detail !== null) tenants.record(tenantId, action, detail);
    return value;
  } catch (err) {
    const why = err instanceof BehalfError ? `${err.message}${err.code ? ` (${err.code})` : ''}` : String(err);
    try {
      tenants.record(tenantId, `${action}-failed`, why);
    } catch {
      /* the tenant itself may be unknown: the original error says so */
    }
    throw err;
  }
}
