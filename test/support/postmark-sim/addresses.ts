/**
 * Address rules shared by senders, domains and sending. Deliberately simple: the aim is to refuse what
 * Postmark refuses in the cases Behalf can produce, not to implement RFC 5322.
 */

/** Free mailbox providers Postmark will not let you verify (ErrorCode 503). */
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'mail.com',
  'yandex.ru',
  'yandex.com',
  'protonmail.com',
  'proton.me',
  'zoho.com',
  'qq.com',
  '163.com',
]);

const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const LOCAL_RE = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+$/i;

export function isPublicDomain(domain: string): boolean {
  return PUBLIC_DOMAINS.has(domain.toLowerCase());
}

export function isDomainName(name: string): boolean {
  return DOMAIN_RE.test(name);
}

export function isEmailAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  return LOCAL_RE.test(address.slice(0, at)) && isDomainName(address.slice(at + 1));
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** True when `child` is a proper subdomain of `parent` (pm-bounces.example.com under example.com). */
export function isSubdomainOf(child: string, parent: string): boolean {
  const c = child.toLowerCase();
  const p = parent.toLowerCase();
  return c.endsWith(`.${p}`) && c.length > p.length + 1;
}

export interface ParsedAddress {
  Email: string;
  Name: string;
}

/** Parses `Name <a@b>`, `"Name, Inc." <a@b>` or `a@b`; undefined when the address part is invalid. */
export function parseMailbox(raw: string): ParsedAddress | undefined {
  const text = raw.trim();
  const angle = /^(.*)<([^<>]+)>$/.exec(text);
  const email = (angle ? (angle[2] ?? '') : text).trim();
  const name = angle ? unquote((angle[1] ?? '').trim()) : '';
  return isEmailAddress(email) ? { Email: email, Name: name } : undefined;
}

/** Splits a To/Cc/Bcc header on commas that are outside quotes. */
export function splitAddressList(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of raw) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function unquote(name: string): string {
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) {
    return name.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return name;
}
