import { isControl } from './unicode';

/** RFC 5322 atext (ASCII only: non-ASCII names are quoted, which every client and Postmark accept). */
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?: [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

/** Controls (CR/LF above all) become spaces so a name can never start a new header line. */
export function headerSafe(name: string): string {
  return Array.from(name, (ch) => (isControl(ch.codePointAt(0)!) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The display name as it goes in the header: bare when it is a phrase of atoms, otherwise a quoted-string. */
export function quoteDisplayName(name: string): string {
  const safe = headerSafe(name);
  if (safe === '' || ATOM_PHRASE.test(safe)) return safe;
  return `"${safe.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `"Acme, Inc. via Vendor" <acme@vendor.com>`; a bare address when there is no name. */
export function formatMailbox(displayName: string, address: string): string {
  const phrase = quoteDisplayName(displayName);
  return phrase === '' ? address : `${phrase} <${address}>`;
}
