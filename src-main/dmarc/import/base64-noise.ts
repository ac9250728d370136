/**
 * postal-mime skips characters that are not base64 (line noise some relays add) without a word. The import
 * still notes them, so this counts them afterwards: the canonical base64 of the decoded bytes is aligned
 * against the raw message, from where its first characters appear; white space is layout, anything else
 * between the expected characters is noise. Returns 0 when the text cannot be aligned (nothing to report).
 */
export function countBase64Noise(raw: string, decoded: Uint8Array): number {
  const expected = Buffer.from(decoded).toString('base64');
  if (expected.length < 16) return 0;
  let i = raw.indexOf(expected.slice(0, 16));
  if (i < 0) return 0;
  let noise = 0;
  for (let j = 0; j < expected.length; i++) {
    if (i >= raw.length) return 0;
    const c = raw.charCodeAt(i);
    if (c === expected.charCodeAt(j)) j++;
    else if (isBase64(c))
      return 0; // not this text after all
    else if (!isSpace(c)) noise++;
  }
  // The rest of the last line belongs to the part too.
  for (; i < raw.length && raw.charCodeAt(i) !== 10; i++) if (!isBase64(raw.charCodeAt(i)) && !isSpace(raw.charCodeAt(i))) noise++;
  return noise;
}

const isBase64 = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
