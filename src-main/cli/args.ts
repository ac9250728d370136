import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './output';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with our usage-error type, so a typo exits 2 with a clear sentence. */
export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
}

export const GLOBAL_OPTIONS = {
  home: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
