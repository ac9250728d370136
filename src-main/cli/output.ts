import { toApiError } from '../../src-preload/api/errors';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Messages quote what they were given (a CSV header, a zip entry name, a tenant ref), and those may come from a
 * customer's file: terminal escapes, carriage returns and bidi controls are shown as \uXXXX, never obeyed.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(printable(t.endsWith('\n') ? t : t + '\n')),
};

/** Exit codes scripts can rely on: 0 ok, 1 the thing checked/imported is not ok, 2 usage error, 3 failure. */
export const EXIT = { ok: 0, notOk: 1, usage: 2, failure: 3 } as const;

export class UsageError extends Error {}

/**
 * Hints are written for whoever reads them anywhere ("run `behalf sync`"). Printed by the very command they name,
 * that advice is circular, so it becomes "this command already does that": look at the message instead.
 */
export function hintForCommand(hint: string, command: string | undefined): string {
  if (!command) return hint;
  const self = new RegExp(`run \`behalf ${command}\`(?: \\([^)]*\\))?(?: to [^.;]*)?`, 'g');
  return hint.replace(self, `\`behalf ${command}\` (this command) already tried that; if it repeats, act on the message above`);
}

export function printError(io: Io, err: unknown, json: boolean, command?: string): number {
  if (err instanceof UsageError) {
    if (json) io.out(JSON.stringify({ error: { code: 'usage', message: err.message } }));
    else io.err(`behalf: ${err.message}\nRun "behalf help" for usage.`);
    return EXIT.usage;
  }
  const e = toApiError(err);
  if (json) io.out(JSON.stringify({ error: e }));
  else io.err(`behalf: ${e.message}${e.hint ? `\n  hint: ${hintForCommand(e.hint, command)}` : ''}`);
  return e.code === 'input.invalid' ? EXIT.usage : EXIT.failure;
}

/** A plain aligned text table; numbers stay readable without colours. */
export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.min(48, Math.max(...all.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (c ?? '').slice(0, 48).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
