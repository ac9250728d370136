/** Splits a byte stream into lines (CRLF or LF), read as latin1; lines over `maxLen` come in pieces. */
export async function* readLines(source: AsyncIterable<Buffer>, maxLen = 1024 * 1024): AsyncGenerator<{ text: string; eol: boolean }> {
  let pending = '';
  for await (const chunk of source) {
    pending += chunk.toString('latin1');
    let start = 0;
    let nl: number;
    while ((nl = pending.indexOf('\n', start)) >= 0) {
      const line = pending.slice(start, nl);
      start = nl + 1;
      yield { text: line.endsWith('\r') ? line.slice(0, -1) : line, eol: true };
    }
    pending = pending.slice(start);
    while (pending.length > maxLen) {
      yield { text: pending.slice(0, maxLen), eol: false };
      pending = pending.slice(maxLen);
    }
  }
  if (pending !== '') yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, eol: true };
}
