export type LintSeverity = 'block' | 'warn';

export type LintCode =
  | 'empty'
  | 'too-long'
  | 'control-chars'
  | 'bidi-controls'
  | 'zero-width'
  | 'stacked-marks'
  | 'combining-marks'
  | 'compatibility-forms'
  | 'mixed-script'
  | 'contains-email'
  | 'contains-domain'
  | 'angle-brackets'
  | 'at-sign'
  | 'quotes'
  | 'fake-header'
  | 'fake-via'
  | 'excessive-punctuation'
  | 'imitates-vendor'
  | 'resembles-vendor'
  | 'vendor-brand-only'
  | 'imitates-tenant'
  | 'resembles-tenant'
  // The name cannot be judged while the vendor is a placeholder: "Nordlicht via Vendor <nordlicht@>" is no From.
  | 'vendor-not-set';

/** One finding: what is wrong (message) and what to do about it (fix). 'block' means do not save/send. */
export interface LintIssue {
  code: LintCode;
  severity: LintSeverity;
  message: string;
  fix: string;
}

export interface LintContext {
  vendorName: string;
  vendorDomain: string;
  /** Names of the vendor's other customers; the name being linted must not pass for one of them. */
  otherTenantNames: readonly string[];
  /** This customer's own name: its words are never reported as imitation. */
  tenantName: string;
  /** This customer's domain: naming it in the display name is a warning, not a block. */
  tenantDomain?: string;
}

export const WARN_LENGTH = 64;
export const BLOCK_LENGTH = 100;
