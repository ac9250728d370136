import type { Services } from '../../app/services';
import { DEFAULT_POSTMARK_ENDPOINT } from '../../postmark/endpoint';
import { changePostmarkEndpoint } from '../../settings/postmark-endpoint';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, UsageError, type Io } from '../output';

const USAGE = `behalf settings show [--json]
behalf settings set KEY=VALUE... [--json]          (VALUE is JSON when it parses as JSON, else text)
behalf settings endpoint [URL | --default] --yes   change the Postmark API URL (clears the stored tokens)`;

/** `behalf settings`: read and change settings from a terminal; the only door that may move the Postmark URL. */
export function settingsCommand(s: Services, argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  if (sub === 'show') {
    const { values } = parse(rest, GLOBAL_OPTIONS);
    const all = s.settings.get();
    io.out(
      values.json
        ? JSON.stringify(all)
        : Object.entries(all)
            .map(([k, v]) => `${k.padEnd(22)} ${JSON.stringify(v)}`)
            .join('\n'),
    );
    return EXIT.ok;
  }
  if (sub === 'set') {
    const { values, positionals } = parse(rest, GLOBAL_OPTIONS);
    if (!positionals.length) throw new UsageError(`name at least one KEY=VALUE.\n${USAGE}`);
    const patch = Object.fromEntries(positionals.map(keyValue));
    const next = s.settings.update(patch);
    io.out(values.json ? JSON.stringify(next) : `Saved ${Object.keys(patch).join(', ')}.`);
    return EXIT.ok;
  }
  if (sub === 'endpoint') {
    const { values, positionals } = parse(rest, { ...GLOBAL_OPTIONS, default: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false } });
    const current = s.settings.get().postmarkEndpoint || DEFAULT_POSTMARK_ENDPOINT;
    if (!positionals[0] && !values.default) {
      io.out(
        values.json
          ? JSON.stringify({ endpoint: current })
          : `Postmark API URL: ${current}${s.env.BEHALF_POSTMARK_URL ? ` (BEHALF_POSTMARK_URL=${s.env.BEHALF_POSTMARK_URL} overrides it in this shell)` : ''}`,
      );
      return EXIT.ok;
    }
    const target = values.default ? '' : positionals[0]!;
    if (!values.yes) {
      throw new UsageError(
        `this sends your Postmark tokens to ${target || DEFAULT_POSTMARK_ENDPOINT} and removes the stored ones (enter the account token again). Add --yes to confirm.`,
      );
    }
    const change = changePostmarkEndpoint(s, target);
    if (values.json) io.out(JSON.stringify(change));
    else
      io.out(
        change.tokensCleared
          ? `Postmark API URL is now ${change.endpoint || DEFAULT_POSTMARK_ENDPOINT}; stored tokens were removed: enter the account token again.`
          : `Postmark API URL unchanged (${current}).`,
      );
    return EXIT.ok;
  }
  throw new UsageError(USAGE);
}

function keyValue(arg: string): [string, unknown] {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new UsageError(`"${arg}" is not KEY=VALUE.\n${USAGE}`);
  const raw = arg.slice(eq + 1);
  try {
    return [arg.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [arg.slice(0, eq), raw];
  }
}
