import type { SimResolver } from './dns-verify';

/**
 * An in-process zone for simulator tests that do not need a real DNS server: TXT and CNAME records by name.
 * Missing names reject with ENOTFOUND like node:dns does.
 */
export interface FakeResolver extends SimResolver {
  setTxt(name: string, ...strings: string[][]): void;
  setCname(name: string, target: string): void;
  remove(name: string): void;
}

export function createFakeResolver(): FakeResolver {
  const txt = new Map<string, string[][]>();
  const cname = new Map<string, string[]>();
  const key = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const missing = (name: string) => Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return {
    async resolveTxt(name) {
      const records = txt.get(key(name));
      if (!records) throw missing(name);
      return records.map((r) => [...r]);
    },
    async resolveCname(name) {
      const records = cname.get(key(name));
      if (!records) throw missing(name);
      return [...records];
    },
    setTxt(name, ...strings) {
      txt.set(key(name), strings);
    },
    setCname(name, target) {
      cname.set(key(name), [target]);
    },
    remove(name) {
      txt.delete(key(name));
      cname.delete(key(name));
    },
  };
}
