import { canonicalName } from '../domain/domain-name';

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
