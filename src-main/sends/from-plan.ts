import { vendorIdentityGaps, type Settings } from '../../src-preload/api/settings';
import type { Tenant } from '../../src-preload/api/tenants';
import { buildFrom, formatMailbox } from '../domain/display-name';
import type { PostmarkObjectLink } from '../postmark/outbox';
import { dkimKeyThatCounts, pickTenantDomain } from '../postmark/links';

export interface SendBlock {
  code: string;
  reason: string;
  fix: string;
}

/** What a test send for this tenant will use, or why it cannot go out yet. */
export type FromPlan =
  | { ready: true; from: string; replyTo: string | null; serverId: number; serverName: string; check: LiveCheck | null; fallback?: FromFallback }
  | { ready: false; block: SendBlock; serverId: number | null; serverName: string | null; check: LiveCheck | null };

/** The tenant has no usable From address of its own: Behalf uses `address` instead, and says why. */
export interface FromFallback {
  address: string;
  reason: string;
}

/** The Postmark object whose state decides readiness; re-read live before a send in case the ledger is stale. */
export type LiveCheck = { kind: 'domain'; id: number } | { kind: 'sender'; id: number };

const bool = (v: unknown) => v === true || v === 'true';
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * The From header follows the tenant's option:
 *  1 → an address at the tenant's DKIM-verified Postmark domain (refused while DKIM is not verified);
 *  2 → the confirmed sender signature (refused while unconfirmed);
 *  3 → display name + vendor address from buildFrom and the vendor settings.
 * Every send goes through the tenant's own Postmark server, so a missing server blocks all options.
 */
export function planFrom(tenant: Tenant, objects: readonly PostmarkObjectLink[], settings: Settings): FromPlan {
  const server = objects.find((o) => o.kind === 'server');
  const serverId = server?.postmarkId ?? null;
  const serverName = server?.name ?? null;
  const blocked = (block: SendBlock, check: LiveCheck | null = null): FromPlan => ({ ready: false, block, serverId, serverName, check });
  const displayName = tenant.fromName.trim() || tenant.name;

  if (tenant.option === null) {
    return blocked({
      code: 'sends.no-option',
      reason: `${tenant.name} has no sending option yet, so Behalf does not know which From address to use.`,
      fix: 'Choose option 1, 2 or 3 on the Options tab.',
    });
  }
  if (!server) {
    return blocked({
      code: 'sends.no-server',
      reason: `${tenant.name} has no Postmark server yet; test sends go through the tenant's own server token.`,
      fix: "Provision the tenant's Postmark server (Postmark tab), then come back.",
    });
  }

  if (tenant.option === 1) {
    const domain = pickTenantDomain(objects, tenant.domain);
    if (!domain) {
      return blocked({
        code: 'sends.no-domain',
        reason: `Option 1 sends from ${tenant.domain}, but that domain is not in Postmark yet.`,
        fix: 'Provision the domain in Postmark (Postmark tab), publish its DKIM record, then verify.',
      });
    }
    const check: LiveCheck = { kind: 'domain', id: domain.postmarkId };
    if (!bool(domain.details.DKIMVerified)) {
      const host = dkimKeyThatCounts(domain.details)?.host;
      return blocked(
        {
          code: 'sends.domain-unverified',
          reason: `The DKIM record of ${domain.name} is not verified in Postmark, so Postmark refuses mail from it.`,
          fix: `Publish the DKIM TXT record${host ? ` at ${host}` : ''} (DNS tab or the instruction sheet), then verify DKIM in the Postmark tab.`,
        },
        check,
      );
    }
    const usable = tenant.fromAddress && domainOf(tenant.fromAddress) === domain.name.toLowerCase();
    const own = usable ? tenant.fromAddress : `no-reply@${domain.name.toLowerCase()}`;
    const fallback: FromFallback | undefined = usable
      ? undefined
      : {
          address: own,
          reason: tenant.fromAddress
            ? `${tenant.name}'s From address ${tenant.fromAddress} is not at ${domain.name}, so Behalf sends from ${own} instead.`
            : `${tenant.name} has no From address, so Behalf sends from ${own} instead.`,
        };
    return {
      ready: true,
      from: formatMailbox(displayName, own),
      replyTo: null,
      serverId: server.postmarkId,
      serverName: server.name,
      check,
      ...(fallback ? { fallback } : {}),
    };
  }

  if (tenant.option === 2) {
    const sender = objects.find((o) => o.kind === 'sender');
    if (!sender) {
      return blocked({
        code: 'sends.no-signature',
        reason: 'Option 2 sends from a confirmed sender signature, and none is in Postmark for this tenant yet.',
        fix: 'Create the sender signature (Postmark tab); the customer then clicks the link Postmark mails them.',
      });
    }
    const check: LiveCheck = { kind: 'sender', id: sender.postmarkId };
    const email = text(sender.details.EmailAddress) || sender.name;
    if (!bool(sender.details.Confirmed)) {
      return blocked(
        {
          code: 'sends.signature-unconfirmed',
          reason: `The sender signature ${email} is not confirmed yet, so Postmark refuses mail from it (ErrorCode 401).`,
          fix: `Ask the customer to click the link in Postmark's confirmation email to ${email}, or resend the confirmation from the Postmark tab.`,
        },
        check,
      );
    }
    const name = text(sender.details.Name) || displayName;
    return { ready: true, from: formatMailbox(name, email), replyTo: null, serverId: server.postmarkId, serverName: server.name, check };
  }

  if (!settings.vendorDomain) {
    return blocked({
      code: 'sends.vendor-domain-missing',
      reason: "Option 3 sends from the vendor's own domain, and no vendor domain is set.",
      fix: 'Set the vendor domain and address pattern in Settings.',
    });
  }
  // Option 3 mail reads "<customer> via <vendor name>": never "via Vendor".
  if (vendorIdentityGaps(settings).includes('vendorName')) {
    return blocked({
      code: 'sends.vendor-name-default',
      reason: `Option 3 mail would read "${tenant.name} via ${settings.vendorName}": the vendor name is still the default.`,
      fix: 'Set the vendor name in Settings → Vendor.',
    });
  }
  const built = buildFrom({
    tenant: { name: tenant.name, domain: tenant.domain, fromName: tenant.fromName, fromAddress: tenant.fromAddress, contactEmail: tenant.contactEmail },
    vendor: {
      name: settings.vendorName,
      sendingDomain: settings.vendorDomain,
      addressPattern: settings.vendorAddressPattern,
      sharedLocalPart: settings.vendorSharedAddress,
    },
    preset: 'via',
  });
  return { ready: true, from: built.header, replyTo: built.replyTo, serverId: server.postmarkId, serverName: server.name, check: null };
}

/** Applies what Postmark says right now (the ledger may predate a confirmation or a DKIM verify). */
export function withLiveState(objects: readonly PostmarkObjectLink[], check: LiveCheck, live: Record<string, unknown>): PostmarkObjectLink[] {
  return objects.map((o) => (o.kind === check.kind && o.postmarkId === check.id ? { ...o, details: { ...o.details, ...live } } : o));
}
