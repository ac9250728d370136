/**
 * Content-Transfer-Encoding decoders that take a body line by line and hand back bytes, so an attachment
 * is decoded while it is read rather than after collecting it.
 */
export interface LineDecoder {
  /** `eol` is false when a very long line arrives in pieces. */
  line(text: string, eol: boolean): Buffer;
  end(): Buffer;
}

export class Base64Decoder implements LineDecoder {
  private carry = '';
  /** Characters dropped that are neither base64 nor white space (line noise some relays add); noted by the caller. */
  noise = 0;
  line(text: string): Buffer {
    const stripped = text.replace(/[^A-Za-z0-9+/=]/g, '');
    if (stripped.length !== text.length) this.noise += text.replace(/[A-Za-z0-9+/=\s]/g, '').length;
    const clean = this.carry + stripped;
    const usable = clean.length - (clean.length % 4);
    this.carry = clean.slice(usable);
    return Buffer.from(clean.slice(0, usable), 'base64');
  }
  end(): Buffer {
    const rest = this.carry;
    this.carry = '';
    return Buffer.from(rest, 'base64');
  }
}

export class QuotedPrintableDecoder implements LineDecoder {
  line(text: string, eol: boolean): Buffer {
    const soft = text.endsWith('=');
    const body = soft ? text.slice(0, -1) : text;
    const bytes = body.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(soft || !eol ? bytes : `${bytes}\n`, 'latin1');
  }
  end(): Buffer {
    return Buffer.alloc(0);
  }
}

/** 7bit, 8bit, binary: the line is the content (lines were read as latin1, so bytes survive). */
export class IdentityDecoder implements LineDecoder {
  line(text: string, eol: boolean): Buffer {
    return Buffer.from(eol ? `${text}\n` : text, 'latin1');
  }
  end(): Buffer {
    return Buffer.alloc(0);
  }
}

export function decoderFor(encoding: string): LineDecoder | undefined {
  if (encoding === 'base64') return new Base64Decoder();
  if (encoding === 'quoted-printable') return new QuotedPrintableDecoder();
  if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') return new IdentityDecoder();
  return undefined;
}

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
