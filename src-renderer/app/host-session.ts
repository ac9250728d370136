import { PAGE_TOKEN_FRAGMENT, PAGE_TOKEN_STORAGE_KEY } from '../../src-preload/api/host-session';

/** Fired on window when the host says this tab's session is gone (signed out, idle, or never signed in). */
export const SIGNED_OUT_EVENT = 'behalf:signed-out';

/**
 * The page token arrives once in the URL fragment after sign-in; it moves to this tab's sessionStorage (per
 * origin, so a page on another port cannot read it) and the fragment is replaced so it is not in history.
 */
export function takePageToken(): string | null {
  const m = new RegExp(`^#${PAGE_TOKEN_FRAGMENT}=([A-Za-z0-9_-]+)$`).exec(location.hash);
  if (m) {
    sessionStorage.setItem(PAGE_TOKEN_STORAGE_KEY, m[1]!);
    history.replaceState(null, '', `${location.pathname}#/`);
  }
  return sessionStorage.getItem(PAGE_TOKEN_STORAGE_KEY);
}

export function forgetPageToken(): void {
  sessionStorage.removeItem(PAGE_TOKEN_STORAGE_KEY);
  window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
}
