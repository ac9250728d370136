import { generateKeyPairSync } from 'node:crypto';
import type { DkimKey, SimState } from './state';

/**
 * A fresh DKIM key the way Postmark publishes it: selector `<YYYYMMDDhhmmss>pm` under `_domainkey`, value
 * `k=rsa;p=<1024-bit SPKI public key>` (so it starts `MIGf`, like real Postmark keys and fits one TXT string).
 * Each key is one simulated second after the previous so selectors never collide within a run.
 */
export function newDkimKey(state: SimState, domain: string, startedAt: number): DkimKey {
  state.nextIds.dkim += 1;
  const stamp = new Date(startedAt + state.nextIds.dkim * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { host: `${stamp}pm._domainkey.${domain.toLowerCase()}`, value: `k=rsa;p=${spki}` };
}
