import { z } from 'zod';
import { BehalfError } from '../../src-preload/api/errors';
import { PROVIDER_IDS, type ProviderId } from './types';
import { quoteTxt } from './txt-strings';
// Static JSON imports: the bundler inlines them, so no resource path has to be found at run time.
import godaddy from '../../resources/registrars/godaddy.json';
import cloudflare from '../../resources/registrars/cloudflare.json';
import route53 from '../../resources/registrars/route53.json';
import namecheap from '../../resources/registrars/namecheap.json';
import googleCloudDns from '../../resources/registrars/google-cloud-dns.json';
import azureDns from '../../resources/registrars/azure-dns.json';
import squarespace from '../../resources/registrars/squarespace.json';
import generic from '../../resources/registrars/generic.json';
import { canonicalName } from '../domain/domain-name';

const fieldSchema = z.object({ label: z.string().min(1), value: z.string().min(1) });

/** How one DNS panel wants records typed in. Templates may use {zone} and {type}. */
export const providerProfileSchema = z.object({
  id: z.enum(PROVIDER_IDS),
  name: z.string().min(1),
  /** Case-insensitive regular expressions tested against each NS host name (no trailing dot). */
  nsPatterns: z.array(z.string()),
  /** relative: `pm-bounces`; fqdn: `pm-bounces.acme.com`; fqdn-dot: `pm-bounces.acme.com.` */
  hostStyle: z.enum(['relative', 'fqdn', 'fqdn-dot']),
  /** What to type for the zone apex ('' = leave the box empty). */
  apexHost: z.string(),
  hostField: z.string().min(1),
  valueField: z.object({ TXT: z.string().min(1), CNAME: z.string().min(1) }),
  /** plain: paste as is; quoted: `"…"` strings of ≤255 bytes on one line (Route 53, zone files). */
  txtFormat: z.enum(['plain', 'quoted']),
  cnameTargetDot: z.boolean(),
  ttl: z.string().min(1),
  openDns: z.array(z.string().min(1)).min(1),
  addRecord: z.string().min(1),
  extraFields: z.object({ TXT: z.array(fieldSchema).optional(), CNAME: z.array(fieldSchema).optional() }),
  save: z.string().min(1),
  notes: z.array(z.string()),
  deleteHint: z.string().min(1),
});
export type ProviderProfile = z.infer<typeof providerProfileSchema>;

/** Detection order breaks ties; generic is last and never matched by NS names. */
const RAW_PROFILES: unknown[] = [godaddy, cloudflare, route53, namecheap, googleCloudDns, azureDns, squarespace, generic];

const PROFILES: ReadonlyMap<ProviderId, ProviderProfile> = loadProfiles(RAW_PROFILES);

function loadProfiles(raw: unknown[]): Map<ProviderId, ProviderProfile> {
  const map = new Map<ProviderId, ProviderProfile>();
  for (const entry of raw) {
    const parsed = providerProfileSchema.safeParse(entry);
    if (!parsed.success) {
      throw new BehalfError(
        'sheet.provider-profile-invalid',
        `A registrar profile in resources/registrars is invalid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`,
        'This is a packaging bug in Behalf: reinstall or report it.',
      );
    }
    map.set(parsed.data.id, parsed.data);
  }
  for (const id of PROVIDER_IDS) {
    if (!map.has(id)) throw new BehalfError('sheet.provider-profile-missing', `No registrar profile for ${id}.`);
  }
  return map;
}

export function listProviders(): ProviderProfile[] {
  return [...PROFILES.values()];
}

export function getProvider(id: ProviderId): ProviderProfile {
  const profile = PROFILES.get(id);
  if (!profile) {
    throw new BehalfError('sheet.unknown-provider', `Unknown DNS provider "${id}".`, `Use one of: ${PROVIDER_IDS.join(', ')}.`);
  }
  return profile;
}

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

const compiledPatterns = listProviders().map((p) => ({ id: p.id, res: p.nsPatterns.map((s) => new RegExp(s, 'i')) }));

/**
 * Which panel hosts the zone, judged from its NS names. The provider matching the most names wins
 * (a zone in the middle of a move can list two); ties go to the earlier profile; no match → generic.
 */
export function detectProvider(nsHostnames: readonly string[]): ProviderId {
  let best: ProviderId = 'generic';
  let bestCount = 0;
  const names = nsHostnames.map(canonicalName).filter((n) => n.length > 0);
  for (const { id, res } of compiledPatterns) {
    const count = names.filter((n) => res.some((re) => re.test(n))).length;
    if (count > bestCount) {
      best = id;
      bestCount = count;
    }
  }
  return best;
}

/** Replaces {zone}, {type}… in a profile's text; unknown placeholders stay visible so a typo shows. */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** What to type in this panel's host field for a record at `fqdn` (`host` is relative, '@' at apex). */
export function hostForProvider(profile: ProviderProfile, host: string, fqdn: string, zone: string): string {
  if (host === '@') return fillTemplate(profile.apexHost, { zone });
  switch (profile.hostStyle) {
    case 'relative':
      return host;
    case 'fqdn':
      return fqdn;
    case 'fqdn-dot':
      return `${fqdn}.`;
  }
}

/** What to type in this panel's value field: quoted/split TXT where the panel wants it, dotted CNAME targets. */
export function valueForProvider(profile: ProviderProfile, type: 'TXT' | 'CNAME', value: string): string {
  if (type === 'CNAME') return profile.cnameTargetDot ? `${value}.` : value;
  return profile.txtFormat === 'quoted' ? quoteTxt(value) : value;
}
