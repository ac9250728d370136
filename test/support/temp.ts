import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Door } from '../../src-main/app/services';
import { MemoryVault } from '../../src-main/secrets/memory-vault';

export function tempDir(prefix = 'behalf-unit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Real services on a real SQLite file in a fresh directory. */
export function tempServices(opts: { home?: string; door?: Door; env?: Record<string, string | undefined> } = {}) {
  const env = opts.env ?? {};
  return createServices({ home: opts.home ?? tempDir(), door: opts.door ?? 'cli', vault: new MemoryVault(env), version: '0.0.0-test', env });
}
