/**
 * `canonicalName` (see domain-name.ts for the two rules for names), in a file of its own with no imports: the DMARC
 * import worker needs only this one, and importing domain-name.ts there loaded tr46 (~30 ms) into each of its two
 * threads as they started (issue #17, P3).
 */

/** Trimmed, lower case, no trailing dot: the one spelling of a DNS name used in reports and comparisons. */
export function canonicalName(name: string): string {
  return name.trim().replace(/\.+$/, '').toLowerCase();
}

/** Two spellings of one DNS name ("Acme.COM." and "acme.com"). */
export function sameName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}
