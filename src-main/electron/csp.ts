/**
 * The console's Content-Security-Policy in Electron: sent as a header on every response and, as a fallback for the
 * `file://` load (where no header arrives), written into the built index.html as a <meta> tag by the renderer build.
 * One string for both, so they cannot drift. No imports: the build config reads it.
 */
export const ELECTRON_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
