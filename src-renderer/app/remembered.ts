import { useState } from 'react';

/**
 * State that outlives its screen for the rest of the session: the tenants list keeps its search, filters, sort
 * and selected row while a person opens a tenant and comes back (Esc or ←). Memory only, on purpose: a reload
 * starts clean, and nothing typed into a search box is written to disk.
 */
const store = new Map<string, unknown>();

export function useRemembered<T>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => (store.has(key) ? (store.get(key) as T) : initial));
  const set = (v: T) => {
    store.set(key, v);
    setValue(v);
  };
  return [value, set];
}

export function remembered<T>(key: string): T | undefined {
  return store.get(key) as T | undefined;
}
