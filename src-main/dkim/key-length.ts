import { createPublicKey } from 'node:crypto';
import { dkimKey, unquote } from '../dns/dkim-value';

export type KeyLength = { bits: number; error: null } | { bits: null; error: string };

/**
 * The RSA modulus length of a DKIM TXT value (`k=rsa; p=<base64 SubjectPublicKeyInfo>`), read by decoding the key
 * itself with node:crypto — never inferred from the value's length. Postmark publishes SPKI (RFC 6376 §3.6.1).
 */
export function dkimKeyLength(value: string): KeyLength {
  const p = dkimKey(unquote(value));
  if (!p) return { bits: null, error: 'no p= tag in the value' };
  const der = Buffer.from(p.replace(/\s+/g, ''), 'base64');
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (key.asymmetricKeyType !== 'rsa' || bits === undefined) return { bits: null, error: `not an RSA key (${key.asymmetricKeyType ?? 'unknown type'})` };
    return { bits, error: null };
  } catch {
    return { bits: null, error: 'p= is not a public key Behalf can read' };
  }
}
