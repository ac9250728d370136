import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer sits next to the built main bundle (out/main → out/renderer). */
export function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(process.cwd(), 'out/renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[0]!;
}
