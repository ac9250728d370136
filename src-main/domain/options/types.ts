import type { SendingOption } from '../../../src-preload/api/tenants';
import type { Verdict } from '../../../src-preload/api/verdicts';
import type { AddressPattern } from '../display-name/address';

export type { SendingOption };
export const SENDING_OPTIONS: readonly SendingOption[] = [1, 2, 3];

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** What the DNS checks concluded about unaligned (option 2) mail From the customer's domain. */
export interface DmarcFact {
  verdict: 'will-fail' | 'delivers-unaligned';
  /** Effective policy; null when the domain publishes no DMARC record. */
  policy: DmarcPolicy | null;
  /** The check's own explanation, e.g. "p=reject at _dmarc.acme.com". */
  reason: string;
}

export interface OptionsVendor {
  name: string;
  /** The vendor's own authenticated domain, used by option 3. */
  sendingDomain: string;
  addressPattern: AddressPattern;
  sharedLocalPart?: string;
}

export interface OptionsTenant {
  name: string;
  domain: string;
  fromAddress: string;
  fromName: string;
  option: SendingOption | null;
}

export interface OptionsFacts {
  tenant: OptionsTenant;
  /** The options the vendor offers (Settings). */
  offered: readonly SendingOption[];
  vendor: OptionsVendor;
  /** From the DNS checks; null/undefined = not checked yet. */
  dmarc?: DmarcFact | null;
  /** Can the customer add records to its DNS? null/undefined = not asked yet. */
  canEditDns?: boolean | null;
  /** Can someone receive mail at the From address (to click Postmark's confirmation link)? */
  canReceiveAtAddress?: boolean | null;
  /** From the DNS check: does the From domain publish an MX that accepts mail? false = none (or a null MX). */
  receivesMail?: boolean | null;
  /** Operator override; otherwise the built-in public mailbox list decides (gmail.com…). */
  domainIsPublicMailbox?: boolean;
}

export type DmarcOutcome = 'pass' | 'fails-unaligned' | 'will-be-rejected' | 'unknown';
export type PrerequisiteState = 'met' | 'unmet' | 'unknown';

export interface Prerequisite {
  id: string;
  label: string;
  state: PrerequisiteState;
  detail: string;
}

export interface Effort {
  /** none: nothing for the customer; low: click a link; medium: add DNS records. */
  customerLevel: 'none' | 'low' | 'medium';
  customer: string[];
  vendor: string[];
}

/** How the From line looks in the two clients that annotate unaligned mail. */
export interface FromPreview {
  displayName: string;
  address: string;
  /** The From header value. */
  header: string;
  /** Gmail sender line, e.g. "Jane <support@acme.com> via pm.mtasv.net". */
  gmail: string;
  /** The domain after Gmail's "via", or null when Gmail shows none. */
  gmailVia: string | null;
  /** Outlook sender line, e.g. "pm_bounces@pm.mtasv.net on behalf of Jane <support@acme.com>". */
  outlook: string;
  /** Who Outlook names before "on behalf of", or null when it shows none. */
  outlookOnBehalfOf: string | null;
  /** True when no From address is known yet and the address shown is an example. */
  addressIsExample: boolean;
}

export interface Branding {
  preview: FromPreview;
  /** What of the customer's brand a recipient sees. */
  customerVisible: 'name-and-address' | 'name-only';
  summary: string;
}

export interface Deliverability {
  reputation: 'own' | 'shared';
  /** The domain whose reputation the mail builds or borrows. */
  reputationDomain: string;
  reputationText: string;
  /** The domain DMARC is evaluated for (the From domain). */
  dmarcDomain: string;
  dmarc: DmarcOutcome;
  /** What receivers do with it: 'spam' for p=quarantine, 'rejected' for p=reject. */
  disposition: 'inbox' | 'spam' | 'rejected' | 'unknown';
  dmarcDetail: string;
}

export type AssessmentStatus = 'ok' | 'risky' | 'unsafe' | 'impossible';

export interface OptionAssessment {
  option: SendingOption;
  offered: boolean;
  status: AssessmentStatus;
  /** Sentences computed from the facts, e.g. "option 2 is unsafe: acme.com publishes p=reject". */
  why: string[];
  warnings: string[];
}

export interface OptionComparison {
  option: SendingOption;
  title: string;
  offered: boolean;
  /** The tenant is on this option now. */
  current: boolean;
  effort: Effort;
  branding: Branding;
  deliverability: Deliverability;
  prerequisites: Prerequisite[];
  assessment: OptionAssessment;
  /** The card's headline in the one vocabulary (verdicts.ts). */
  verdict: Verdict;
}

export interface Recommendation {
  /** null when no offered option is safe for this tenant (reasons say why, warnings say what to change). */
  option: SendingOption | null;
  reasons: string[];
  warnings: string[];
  assessments: OptionAssessment[];
}

export const OPTION_TITLES: Readonly<Record<SendingOption, string>> = {
  1: 'Authenticated customer domain',
  2: 'Verified From address',
  3: 'Custom From name on the vendor domain',
};
