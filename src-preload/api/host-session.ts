/**
 * How a browser-host page proves it is the page that signed in (not just a holder of the cookie): names shared by
 * the host (src-main/host) and the renderer's host transport. No secrets here, only where they travel.
 */
/** The login redirect puts the page token in the URL fragment under this name; the page moves it to sessionStorage. */
export const PAGE_TOKEN_FRAGMENT = 'behalf-session';
/** sessionStorage key (per origin and per tab: another port's page cannot read it). */
export const PAGE_TOKEN_STORAGE_KEY = 'behalf.pageToken';
/** Header on every /rpc call and on sign-out. */
export const PAGE_TOKEN_HEADER = 'x-behalf-session';
/** WebSocket subprotocols for /events: the server selects EVENTS_PROTOCOL; the token rides in a second one. */
export const EVENTS_PROTOCOL = 'behalf.events';
export const PAGE_TOKEN_PROTOCOL_PREFIX = 'behalf.session.';
