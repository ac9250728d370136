import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector';
import { RESULTS_DIR } from './results';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * Runs `fn` under the V8 CPU profiler (the same data as --cpu-prof), writes bench-results/<name>.cpuprofile
 * (open in Chrome DevTools) and returns the functions with the most self time, to show what bounds a figure.
 */
export async function profile(name: string, fn: () => void | Promise<void>, top = 12): Promise<{ fn: string; selfPct: number }[]> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  await fn();
  const { profile: prof } = await post<{ profile: { nodes: ProfileNode[] } }>('Profiler.stop');
  session.disconnect();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.cpuprofile`), JSON.stringify(prof));
  return topSelf(prof, top);
}

/** Functions with the most self time in a .cpuprofile (from profile() or node --cpu-prof). */
export function topSelf(prof: { nodes: ProfileNode[] }, top = 12): { fn: string; selfPct: number }[] {
  const self = new Map<string, number>();
  let all = 0;
  for (const n of prof.nodes) {
    const hits = n.hitCount ?? 0;
    all += hits;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url || '')}${f.url ? `:${f.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => ({ fn: k, selfPct: Math.round((1000 * v) / Math.max(1, all)) / 10 }));
}
