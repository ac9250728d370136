import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, upwardArrows } from '../../../scripts/check-layers.mjs';

/** Issue 16: no cycles between main-process feature folders; `npm run lint` runs scripts/check-layers.mjs. */
describe('check-layers: no cycles between src-main feature folders', () => {
  const sources = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) out[path.relative('src-main', p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
      }
    };
    walk('src-main');
    return out;
  };

  it('finds none in the sources', () => {
    expect(folderCycles(sources())).toEqual([]);
  });

  it('fails on a feature importing one that imports it back, naming the files', () => {
    const bad = { ...sources(), 'postmark/bad.ts': "import { TenantService } from '../tenants/tenant-service';\nexport const x = TenantService;\n" };
    const cycles = folderCycles(bad);
    expect(cycles.length).toBeGreaterThan(0);
    expect(cycles.some((c) => c.folders[0] === 'postmark' || c.folders.includes('postmark'))).toBe(true);
    expect(cycles.flatMap((c) => c.via).join('\n')).toContain('postmark/bad.ts → tenants/');
  });

  it('counts type-only and re-export imports, ignores the root and the doors', () => {
    expect(folderCycles({ 'a/x.ts': "import type { B } from '../b/y';", 'b/y.ts': "export { A } from '../a/x';" })).toEqual([
      { folders: ['a', 'b', 'a'], via: ['a/x.ts → b/', 'b/y.ts → a/'] },
    ]);
    expect(folderCycles({ 'app/x.ts': "import { B } from '../b/y';", 'b/y.ts': "import { S } from '../app/x';" })).toEqual([]);
  });
});

/** Issue 16: no arrow from a lower layer to a higher one (doors → root → features → kernel). */
describe('check-layers: no arrow pointing up a layer', () => {
  it('finds none in the sources', () => {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) out[path.relative('src-main', p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
      }
    };
    walk('src-main');
    expect(upwardArrows(out)).toEqual([]);
  });

  it('fails on the kernel importing a feature, a feature importing the root, and the root importing a door', () => {
    expect(upwardArrows({ 'domain/x.ts': "import { links } from '../postmark/links';" })).toEqual([
      { from: 'domain', to: 'postmark', via: 'domain/x.ts → postmark/ (kernel → feature)' },
    ]);
    expect(upwardArrows({ 'dns/x.ts': "import type { Services } from '../app/services';" }).map((u) => u.via)).toEqual(['dns/x.ts → app/ (feature → root)']);
    expect(upwardArrows({ 'app/x.ts': "import { Downloads } from '../host/downloads';" }).map((u) => u.via)).toEqual(['app/x.ts → host/ (root → door)']);
  });

  it('lets arrows point down or stay in a layer', () => {
    expect(
      upwardArrows({
        'host/x.ts': "import { dispatch } from '../app/dispatch';",
        'app/y.ts': "import { DnsService } from '../dns/dns-service';",
        'dns/z.ts': "import { canonicalName } from '../domain/domain-name';\nimport { Db } from '../ledger/open';",
        'domain/w.ts': "import { Clock } from '../core/clock';",
        'sheets/v.ts': "import { dnsThing } from '../dns/thing';",
      }),
    ).toEqual([]);
  });
});
