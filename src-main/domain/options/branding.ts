import { formatMailbox } from '../display-name/header';
import { POSTMARK_DOMAIN, POSTMARK_ENVELOPE, type Derived } from './facts';
import type { Branding, FromPreview, OptionsFacts, SendingOption } from './types';

/** Mail clients show the name unquoted: `Jane <support@acme.com>`. */
function shown(name: string, address: string): string {
  return name ? `${name} <${address}>` : address;
}

function preview(displayName: string, address: string, via: string | null, onBehalfOf: string | null, example: boolean): FromPreview {
  const line = shown(displayName, address);
  return {
    displayName,
    address,
    header: formatMailbox(displayName, address),
    gmail: via ? `${line} via ${via}` : line,
    gmailVia: via,
    outlook: onBehalfOf ? `${onBehalfOf} on behalf of ${line}` : line,
    outlookOnBehalfOf: onBehalfOf,
    addressIsExample: example,
  };
}

export function brandingFor(option: SendingOption, facts: OptionsFacts, d: Derived): Branding {
  switch (option) {
    case 1:
      return {
        preview: preview(d.customerName, d.fromAddress, null, null, d.addressIsExample),
        customerVisible: 'name-and-address',
        summary: `Mail shows ${d.fromAddress} with no "via" or "on behalf of": it is signed by ${d.mailDomain} itself.`,
      };
    case 2:
      return {
        preview: preview(d.customerName, d.fromAddress, POSTMARK_DOMAIN, POSTMARK_ENVELOPE, d.addressIsExample),
        customerVisible: 'name-and-address',
        summary: `Mail shows ${d.fromAddress}, but Gmail adds "via ${POSTMARK_DOMAIN}" and Outlook "on behalf of", because ${POSTMARK_DOMAIN} signs it.`,
      };
    case 3: {
      // Without a vendor domain the address would end in "@": show where the domain goes instead, and say so.
      const domain = facts.vendor.sendingDomain.trim();
      const address = domain ? d.option3.address : `${d.option3.address.replace(/@.*$/, '')}@<vendor domain>`;
      return {
        preview: preview(d.option3.displayName, address, null, null, !domain),
        customerVisible: 'name-only',
        summary: domain
          ? `Mail comes from ${d.option3.address} on ${domain}; the customer appears only in the name${d.option3.replyTo ? `, and replies go to ${d.option3.replyTo}` : ''}.`
          : 'No vendor sending domain is set (Settings → Vendor), so this From line is incomplete and option 3 cannot send yet.',
      };
    }
  }
}
