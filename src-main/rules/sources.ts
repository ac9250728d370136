import type { RuleSource } from '../../src-preload/api/rules';

/**
 * Where each rule comes from. "confirmed": the rule's wording was read (copies of the provider's page found with the
 * project's search tool; docs/sender-rules.md lists them); "assumed": only secondary summaries of the page were found.
 */
export const SOURCES = {
  /** Gmail: SPF + DKIM + DMARC for bulk senders, From aligned, valid forward and reverse DNS (PTR), spam rate under 0.3 % (aim 0.1 %), one-click unsubscribe for marketing. */
  gmail: {
    who: 'Gmail',
    title: 'Email sender guidelines (enforced from February 2024)',
    url: 'https://support.google.com/mail/answer/81126',
    basis: 'confirmed',
  },
  /** Gmail: a bulk sender is one sending close to 5,000 messages a day to personal Gmail accounts; the status is permanent. */
  gmailFaq: { who: 'Gmail', title: 'Email sender guidelines FAQ', url: 'https://support.google.com/a/answer/14229414', basis: 'confirmed' },
  /** Yahoo: bulk senders authenticate with SPF and DKIM, publish DMARC (p=none at least) with the From aligned, keep complaints low, one-click unsubscribe. */
  yahoo: { who: 'Yahoo', title: 'Sender Best Practices (February 2024)', url: 'https://senders.yahooinc.com/best-practices/', basis: 'assumed' },
  /** Outlook.com: over 5,000 mails a day: SPF pass, DKIM pass, DMARC at least p=none aligned with SPF or DKIM; a working unsubscribe recommended. */
  outlook: {
    who: 'Outlook.com',
    title: 'Requirements for high-volume senders (from 5 May 2025)',
    url: 'https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-senders/4399730',
    basis: 'confirmed',
  },
  /** Postmark adds the RFC 8058 List-Unsubscribe and List-Unsubscribe-Post headers to Broadcast-stream mail while it manages unsubscribes (the default). */
  postmarkUnsubscribe: {
    who: 'Postmark',
    title: 'How to include a List-Unsubscribe header',
    url: 'https://postmarkapp.com/support/article/1299-how-to-include-a-list-unsubscribe-header',
    basis: 'confirmed',
  },
  rfc8058: { who: 'IETF', title: 'RFC 8058: one-click List-Unsubscribe', url: 'https://www.rfc-editor.org/rfc/rfc8058', basis: 'confirmed' },
} as const satisfies Record<string, RuleSource>;
