import { expect } from 'vitest';

export interface ErrorShape {
  code: string;
  message: string;
  hint?: string;
}

/**
 * Every answer a door gives must be the contract's envelope: `{ok:true,value}` or `{ok:false,error}` with a
 * stable code, a sentence (bounded: a 10k hostile value must not be echoed back whole) and an optional hint.
 * `internal` means an unexpected throw reached dispatch — that is a bug, not a clear error.
 */
export function expectEnvelope(reply: unknown, label: string): { ok: true; value: unknown } | { ok: false; error: ErrorShape } {
  expect(reply, label).toBeTypeOf('object');
  const r = reply as { ok?: unknown; value?: unknown; error?: ErrorShape };
  expect(typeof r.ok, label).toBe('boolean');
  if (r.ok === true) return { ok: true, value: r.value };
  expect(r.error, label).toBeTypeOf('object');
  expect(r.error!.code, label).toMatch(/^[a-z0-9]+([.-][a-z0-9]+)*$/);
  expect(r.error!.code, `${label}: ${r.error!.message}`).not.toBe('internal');
  expect(r.error!.code, `${label}: ${r.error!.message}`).not.toBe('contract.bad-output');
  expect(r.error!.message.trim().length, label).toBeGreaterThan(3);
  expect(r.error!.message.length, label).toBeLessThan(2000);
  if (r.error!.hint !== undefined) expect(typeof r.error!.hint, label).toBe('string');
  return { ok: false, error: r.error! };
}
