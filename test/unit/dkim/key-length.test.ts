import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dkimKeyLength } from '../../../src-main/dkim/key-length';
import { KEY_1024, KEY_2048, dkimValue } from '../../support/nsd/zoneFixtures';

const spki = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('DKIM key length from the p= value', () => {
  it('reads the modulus of real 1024- and 2048-bit keys, however the value is written', () => {
    expect(dkimKeyLength(dkimValue(KEY_1024))).toEqual({ bits: 1024, error: null });
    expect(dkimKeyLength(dkimValue(KEY_2048))).toEqual({ bits: 2048, error: null });
    // As Postmark writes it (no space), quoted, and folded across lines.
    expect(dkimKeyLength(`k=rsa;p=${KEY_2048}`).bits).toBe(2048);
    expect(dkimKeyLength(`"k=rsa; p=${KEY_1024}"`).bits).toBe(1024);
    expect(dkimKeyLength(`k=rsa; p=${KEY_2048.slice(0, 200)}\n  ${KEY_2048.slice(200)}`).bits).toBe(2048);
  });

  it('decodes the key rather than guessing from the text length (a 1536-bit key is 1536)', () => {
    expect(dkimKeyLength(`k=rsa;p=${spki(1536)}`).bits).toBe(1536);
  });

  it('says why when there is no key to read', () => {
    expect(dkimKeyLength('k=rsa;')).toEqual({ bits: null, error: 'no p= tag in the value' });
    expect(dkimKeyLength(`k=rsa;p=${KEY_2048.slice(0, 100)}`)).toEqual({ bits: null, error: 'p= is not a public key Behalf can read' });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(dkimKeyLength(`k=ed25519;p=${ed}`)).toEqual({ bits: null, error: 'not an RSA key (ed25519)' });
  });
});
