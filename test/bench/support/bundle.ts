import path from 'node:path';
import { build } from 'rolldown';
import { RESULTS_DIR } from './results';

/**
 * Bundles a TypeScript child entry into one .mjs under bench-results/.child/, packages left external, so a
 * child process runs the same sources as the tests without vitest's own memory in its peak RSS. `extra` names
 * more entries built beside it (file name → source), e.g. a worker the child starts, as the app build does.
 */
export async function bundleChild(entry: string, extra: Record<string, string> = {}): Promise<string> {
  const outDir = path.join(RESULTS_DIR, '.child');
  const name = path.basename(entry, '.ts');
  const file = `${name}.mjs`;
  const extras = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.replace(/\.js$/, ''), path.resolve(v)]));
  await build({
    input: { [name]: path.resolve(entry), ...extras },
    platform: 'node',
    external: (id: string) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { dir: outDir, format: 'esm', entryFileNames: (c: { name: string }) => (c.name === name ? file : `${c.name}.js`) },
    logLevel: 'silent',
  } as never);
  return path.join(outDir, file);
}
