import { runCli } from '../../src-main/cli/main';

/** Runs the CLI in-process with captured output, as a person or a script would see it. */
export async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
