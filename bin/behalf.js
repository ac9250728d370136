#!/usr/bin/env node
// The `behalf` command: runs the built CLI bundle (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('behalf: the CLI is not built yet. Run `npm run build` in the Behalf folder.');
  process.exit(3);
}
const { runCli } = await import(pathToFileURL(cli).href);
process.exitCode = await runCli(process.argv.slice(2));
