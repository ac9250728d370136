import { parse } from 'tldts';
import { organisationalDomain } from '../domain/org-domain';
import { BehalfError } from '../../src-preload/api/errors';
import { hostForProvider, valueForProvider, type ProviderProfile } from './providers';
import { recordStatus } from './model-status';
import type { RecordKind, SheetInput, SheetRecord } from './types';
import { canonicalName } from '../domain/domain-name';
import { dmarcTagValue } from '../domain/dmarc-record/tags';

export const SUGGESTED_TTL = 3600;

/** The zone a panel shows for a domain: its organisational domain (mail.acme.com lives in acme.com). */
export function zoneOf(domain: string): string {
  return organisationalDomain(domain);
}

interface Placement {
  fqdn: string;
  zone: string;
  host: string;
  inTenantZone: boolean;
}

/**
 * Where a record goes. Postmark hands out full names, but a relative name (`pm-bounces`) is accepted
 * and taken relative to the sending domain. Only the DMARC report permission may live in another zone.
 */
export function placeHost(kind: RecordKind, rawHost: string, domain: string, tenantZone: string): Placement {
  const name = canonicalName(rawHost);
  let fqdn: string;
  if (name === tenantZone || name.endsWith(`.${tenantZone}`)) fqdn = name;
  // A report permission is always a full name in the report domain's zone, whose TLD need not be a public one.
  else if (kind === 'dmarcReportAuth' || parse(name).isIcann) fqdn = name;
  else fqdn = `${name}.${domain}`;

  const inTenantZone = fqdn === tenantZone || fqdn.endsWith(`.${tenantZone}`);
  if (!inTenantZone && kind !== 'dmarcReportAuth') {
    throw new BehalfError(
      'sheet.record-outside-domain',
      `The ${kind} record ${fqdn} is not under ${domain}.`,
      `Records for sending as ${domain} must sit under ${domain}; check the host Postmark gave for this domain.`,
    );
  }
  const zone = inTenantZone ? tenantZone : zoneOf(fqdn);
  const host = fqdn === zone ? '@' : fqdn.slice(0, -(zone.length + 1));
  return { fqdn, zone, host, inTenantZone };
}

const LABELS: Record<RecordKind, string> = {
  dkim: 'DKIM key (email signature)',
  returnPath: 'Return-Path (bounces)',
  dmarc: 'DMARC policy',
  dmarcReportAuth: 'DMARC report permission',
};

function purposeOf(kind: RecordKind, domain: string, value: string, zone: string): string {
  switch (kind) {
    case 'dkim':
      return `Publishes the public key that receivers use to check that mail signed for ${domain} really comes from us. Without it, mail is likely to land in spam.`;
    case 'returnPath':
      return `Sends bounce notices to Postmark, our email provider, and lets the SPF check pass for ${domain}. It must be a CNAME and must not be proxied.`;
    case 'dmarc':
      return dmarcTagValue(value.replace(/"/g, ''), 'p')?.toLowerCase() === 'none'
        ? 'Tells receivers where to send daily reports about mail using your domain. With p=none it only collects reports; it blocks nothing.'
        : 'Tells receivers how to treat mail that fails the checks, and where to send daily reports about it.';
    case 'dmarcReportAuth':
      return `Allows DMARC reports about ${domain} to be delivered to an address at ${zone}.`;
  }
}

/** Rejects values a person could not paste back exactly (control characters sneak in from copy/paste). */
function checkValue(kind: RecordKind, value: string): string {
  const v = value.trim();
  // eslint-disable-next-line no-control-regex
  if (v === '' || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new BehalfError(
      'sheet.bad-record-value',
      `The ${kind} value is empty or contains line breaks or control characters.`,
      'Fetch the record again from Postmark (or the DMARC builder) and retry.',
    );
  }
  return v;
}

export function buildRecords(input: SheetInput, profile: ProviderProfile, tenantZone: string): SheetRecord[] {
  const domain = input.tenant.domain;
  const raw: Array<{ kind: RecordKind; type: 'TXT' | 'CNAME'; host: string; value: string }> = [];
  const r = input.records;
  if (r.dkim) raw.push({ kind: 'dkim', type: 'TXT', host: r.dkim.host, value: r.dkim.value });
  if (r.returnPath) {
    raw.push({ kind: 'returnPath', type: 'CNAME', host: r.returnPath.host, value: canonicalName(r.returnPath.target) });
  }
  if (r.dmarc) raw.push({ kind: 'dmarc', type: 'TXT', host: r.dmarc.host, value: r.dmarc.value });
  if (r.dmarcReportAuth) raw.push({ kind: 'dmarcReportAuth', type: 'TXT', host: r.dmarcReportAuth.host, value: r.dmarcReportAuth.value });

  return raw.map((item, i) => {
    const place = placeHost(item.kind, item.host, domain, tenantZone);
    const value = checkValue(item.kind, item.value);
    return {
      n: i + 1,
      kind: item.kind,
      label: LABELS[item.kind],
      purpose: purposeOf(item.kind, domain, value, place.zone),
      type: item.type,
      zone: place.zone,
      inTenantZone: place.inTenantZone,
      host: place.host,
      fqdn: place.fqdn,
      enterHost: hostForProvider(profile, place.host, place.fqdn, place.zone),
      value,
      enterValue: valueForProvider(profile, item.type, value),
      ttl: SUGGESTED_TTL,
      required: item.kind === 'dkim' || item.kind === 'returnPath',
      status: recordStatus(input.lastCheck?.[item.kind]),
    };
  });
}
