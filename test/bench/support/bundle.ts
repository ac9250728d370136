import path from 'node:path';
import { build } from 'rolldown';
import { RESULTS_DIR } from './results';

/**
 * Bundles a TypeScript child entry into one .mjs under bench-results/.child/, packages left external, so a
 * child process runs the same sources as the tests without vitest's own memory in its peak RSS.
 */
export async function bundleChild(entry: string): Promise<string> {
  const outDir = path.join(RESULTS_DIR, '.child');
  const file = `${path.basename(entry, '.ts')}.mjs`;
  await build({
    input: path.resolve(entry),
    platform: 'node',
    external: (id: string) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { dir: outDir, format: 'esm', entryFileNames: file },
    logLevel: 'silent',
  } as never);
  return path.join(outDir, file);
}
