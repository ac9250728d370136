/**
 * TXT presentation format: a TXT value is one or more character-strings of at most 255 bytes each
 * (RFC 1035 §3.3); resolvers hand them back as an array that checkers join without separators.
 * Zone files and Route 53 want each string in double quotes with `"` and `\` escaped.
 */

export const TXT_MAX_STRING_BYTES = 255;

/** Splits the UTF-8 bytes of a value into chunks of at most 255 bytes (at least one, maybe empty). */
export function splitTxtBytes(value: string, max = TXT_MAX_STRING_BYTES): Uint8Array[] {
  const bytes = new TextEncoder().encode(value);
  if (bytes.length === 0) return [bytes];
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += max) chunks.push(bytes.subarray(i, i + max));
  return chunks;
}

/** One character-string, escaped for a zone file: printable ASCII as is, `"`/`\` escaped, the rest as \DDD. */
export function escapeTxtChunk(chunk: Uint8Array): string {
  let out = '';
  for (const b of chunk) {
    if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += '\\' + String(b).padStart(3, '0');
  }
  return out;
}

/** `"part1" "part2"`: the value as quoted 255-byte strings on one line. */
export function quoteTxt(value: string): string {
  return splitTxtBytes(value)
    .map((c) => `"${escapeTxtChunk(c)}"`)
    .join(' ');
}
