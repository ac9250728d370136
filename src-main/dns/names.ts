import { domainToASCII } from 'node:url';
import { BehalfError } from '../../src-preload/api/errors';

/** Lower-case, no trailing dot: the one spelling of a DNS name used in reports and comparisons. */
export function canonicalName(name: string): string {
  return name.trim().replace(/\.+$/, '').toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A domain typed by staff (maybe Unicode, maybe with a trailing dot) → ASCII name, or a BehalfError. */
export function normaliseDomain(input: string): string {
  const raw = canonicalName(input);
  const ascii = raw === '' ? '' : domainToASCII(raw);
  const labels = ascii.split('.');
  if (ascii === '' || ascii.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    throw new BehalfError(
      'dns.invalid-domain',
      `"${input}" is not a domain name Behalf can check.`,
      'Enter the sending domain only, like acme.com (no @, no http://, no spaces).',
    );
  }
  return ascii;
}

/**
 * Host fields arrive relative ("pm-bounces", "2024…pm._domainkey") or absolute ("pm-bounces.acme.com").
 * A name already under the domain, or written with a trailing dot, is taken as is; anything else is
 * relative to the domain (what every registrar panel does with it).
 */
export function qualify(host: string, domain: string): string {
  const trimmed = host.trim();
  if (trimmed === '' || trimmed === '@') return domain;
  const name = canonicalName(trimmed);
  if (trimmed.endsWith('.') || isUnder(name, domain)) return name;
  return `${name}.${domain}`;
}

/** True when name is domain itself or a name below it. */
export function isUnder(name: string, domain: string): boolean {
  const n = canonicalName(name);
  const d = canonicalName(domain);
  return n === d || n.endsWith(`.${d}`);
}

/** The spelling a panel that appends the zone produces from an FQDN typed into the host field. */
export function doubledName(name: string, domain: string): string {
  return `${canonicalName(name)}.${canonicalName(domain)}`;
}
