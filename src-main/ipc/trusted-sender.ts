/**
 * Only our own window's top frame may call the contract: the renderer loaded from the app's files (or the dev
 * server in `npm run dev`). A frame that navigated elsewhere, or an iframe, gets nothing.
 */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const got = new URL(frameUrl);
    const want = new URL(rendererUrl);
    if (want.protocol === 'file:') return got.protocol === 'file:' && got.pathname === want.pathname;
    return got.origin === want.origin;
  } catch {
    return false;
  }
}
