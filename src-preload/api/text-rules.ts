/**
 * Control characters (NUL, CR/LF header injection, terminal escapes), zero-width and text-direction controls:
 * a one-line field that holds them can display differently from what is stored or sent (issue #10).
 * ZWJ/ZWNJ stay allowed: scripts and emoji need them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const HIDDEN_CHARS = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** U+FFFD (bytes that were not valid UTF-8) or a lone surrogate: the text was damaged before it got here. */
export const DAMAGED_TEXT = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const DAMAGED_MESSAGE = 'This text was not decoded correctly (it holds � or a broken character): type it again, or save the file as UTF-8.';
export const HIDDEN_MESSAGE = 'Remove control, zero-width and text-direction characters: they make the text show differently from what is stored.';
