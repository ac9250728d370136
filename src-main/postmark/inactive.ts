/**
 * Postmark reports inactive recipients only in prose: a fully refused send says
 * "Found inactive addresses: a, b. Inactive recipients are …" and a partly refused one says
 * "Message OK, but will not deliver to these inactive addresses: a, b." (gem #128: the wording has changed
 * before, so both patterns are tried and anything unparseable gives an empty list rather than a wrong one).
 */
const PATTERNS = [/Found inactive addresses: (.+?)\.? Inactive/, /these inactive addresses: (.+?)\.?(?: Inactive|$)/];

export function parseInactiveRecipients(message: string): string[] {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(message);
    if (match?.[1]) {
      return match[1]
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a.includes('@'));
    }
  }
  return [];
}
