import { BehalfError } from '../../src-preload/api/errors';
import { vendorGapsText, vendorIdentityGaps, type Settings } from '../../src-preload/api/settings';

/**
 * Refuses output that speaks for the vendor while its identity is a default (see vendorIdentityGaps). Checked in
 * main, where the output is made, so the CLI, the desktop app and the browser host are all held to it.
 */
export function assertVendorIdentity(settings: Pick<Settings, 'vendorName' | 'vendorDomain'>, what: string): void {
  const gaps = vendorIdentityGaps(settings);
  if (gaps.length === 0) return;
  throw new BehalfError(
    'settings.vendor-identity-default',
    `${what} is held back: ${vendorGapsText(gaps)}, so the customer would read a placeholder.`,
    'Set the vendor name and sending domain in Settings → Vendor (or `behalf settings set vendorName=… vendorDomain=…`), then try again.',
  );
}
