import { invalid } from './sim-error';

/**
 * JSON body access. Postmark's (.NET) binder matches field names case-insensitively, so `name` and `Name`
 * both work; wrong types are refused with the area's "invalid fields" code.
 */
export type JsonObject = Record<string, unknown>;

export function asObject(body: unknown, errorCode: number, what: string): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid(errorCode, `No ${what} data was received.`);
  }
  return body as JsonObject;
}

export function has(obj: JsonObject, name: string): boolean {
  return findKey(obj, name) !== undefined;
}

export function getString(obj: JsonObject, name: string, errorCode: number): string | undefined {
  const value = get(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(errorCode, `The field '${name}' must be a string.`);
  return value;
}

export function getBool(obj: JsonObject, name: string, errorCode: number): boolean | undefined {
  const value = get(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(errorCode, `The field '${name}' must be true or false.`);
  return value;
}

export function getNumber(obj: JsonObject, name: string, errorCode: number): number | undefined {
  const value = get(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(errorCode, `The field '${name}' must be a number.`);
  return value;
}

export function get(obj: JsonObject, name: string): unknown {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

function findKey(obj: JsonObject, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}
