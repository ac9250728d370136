/**
 * Shapes of an instruction sheet. A Sheet is plain data (safe to send over IPC); every renderer
 * (md, html, csv, zone, pdf) formats the same Sheet and adds no wording of its own beyond headings.
 */

import { PAPERS, PROVIDER_IDS, SHEET_FORMATS } from '../../src-preload/api/sheets';

// The vocabularies live in the contract so the renderer and main share one list.
export { PAPERS, PROVIDER_IDS, SHEET_FORMATS };
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type RecordKind = 'dkim' | 'returnPath' | 'dmarc' | 'dmarcReportAuth';
export const RECORD_KINDS: readonly RecordKind[] = ['dkim', 'returnPath', 'dmarc', 'dmarcReportAuth'];

export type SheetFormat = (typeof SHEET_FORMATS)[number];
export type Paper = (typeof PAPERS)[number];

/** One result of the last DNS check for a record kind, as the DNS module reports it. */
export interface LastCheckEntry {
  status: string;
  cause?: string;
  observed?: string;
}

export interface SheetInput {
  tenant: { name: string; domain: string; contactName: string };
  option: 1 | 2 | 3;
  records: {
    dkim?: { host: string; value: string };
    returnPath?: { host: string; target: string };
    dmarc?: { host: string; value: string };
    dmarcReportAuth?: { host: string; value: string };
  };
  provider: ProviderId;
  lastCheck?: Partial<Record<string, LastCheckEntry>>;
  vendorName: string;
  /** ISO-8601; printed on the sheet and used as the PDF CreationDate so output is reproducible. */
  generatedAt: string;
  /** Mailbox providers' bulk-sender rules the tenant fails (src-main/rules); absent or empty = none listed. */
  senderRules?: SheetSenderRule[];
}

/** A failing sender rule as the customer reads it: the rule, why it fails, what to do. */
export interface SheetSenderRule {
  title: string;
  reason: string;
  fix: string;
}

/** The UI's one status vocabulary (see design/ui.md). */
export type StatusTone = 'ok' | 'pending' | 'warning' | 'failing' | 'error' | 'unknown';

export interface RecordStatus {
  tone: StatusTone;
  /** Plain words, e.g. "Found and correct". */
  label: string;
  /** Why it failed and what to do, in plain words (from the check's cause). */
  detail?: string;
  /** What the check saw in DNS, verbatim. */
  observed?: string;
}

export interface SheetRecord {
  /** 1-based number used by steps ("record 2"). */
  n: number;
  kind: RecordKind;
  label: string;
  purpose: string;
  type: 'TXT' | 'CNAME';
  /** The DNS zone the record belongs in (usually the registrable domain). */
  zone: string;
  /** false when the record lives in another zone than the tenant's (e.g. a DMARC report permission). */
  inTenantZone: boolean;
  /** Relative to the zone; '@' at the apex. */
  host: string;
  /** Fully qualified, lower case, without the trailing dot. */
  fqdn: string;
  /** What to type in the provider's host field ('' means "leave it empty"). */
  enterHost: string;
  /** Canonical value: TXT text unquoted, CNAME target without trailing dot. */
  value: string;
  /** What to type in the provider's value field (quoted/split TXT, dotted CNAME target…). */
  enterValue: string;
  ttl: number;
  required: boolean;
  status: RecordStatus;
}

/** A label/value pair inside a step; literal values are typed or pasted exactly. */
export interface StepField {
  label: string;
  value: string;
  literal: boolean;
}

export interface SheetStep {
  text: string;
  fields: StepField[];
  /** Said after the fields (e.g. "Click Save."). */
  after?: string;
}

export interface VerifyCheck {
  record: number;
  fqdn: string;
  dig: string;
  nslookup: string;
  expect: string;
}

export interface Sheet {
  version: 1;
  title: string;
  vendorName: string;
  tenant: { name: string; domain: string; contactName: string };
  option: 1 | 2 | 3;
  optionLabel: string;
  zone: string;
  provider: { id: ProviderId; name: string };
  generatedAt: string;
  generatedLabel: string;
  intro: string[];
  records: SheetRecord[];
  steps: SheetStep[];
  verify: { intro: string; checks: VerifyCheck[]; weConfirm: string };
  doNot: string[];
  undo: { intro: string; items: string[] };
  notes: string[];
  /** Present only when the tenant fails a sender rule, so sheets of tenants that pass stay byte-identical. */
  senderRules?: { intro: string; items: SheetSenderRule[] };
}
