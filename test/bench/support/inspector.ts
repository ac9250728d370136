import WebSocket from 'ws';

/**
 * A DevTools-protocol session with a Node process started with `--inspect=127.0.0.1:0`, for readings the process
 * itself does not offer: a full garbage collection on demand, and its own `process.memoryUsage()`.
 */
export interface InspectorSession {
  /** A full, compacting collection (V8's `HeapProfiler.collectGarbage`), as `--expose-gc`'s `gc()` would run. */
  fullGc(): Promise<void>;
  /** The process's `process.memoryUsage().heapUsed`, in MB. */
  heapUsedMB(): Promise<number>;
  close(): void;
}

/** The `ws://` address Node prints to stderr when its inspector listens ("Debugger listening on ws://…"). */
export function inspectorUrl(stderr: string): string {
  const m = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
  if (!m) throw new Error(`no inspector address in the host's stderr (was it started with --inspect?): ${stderr.slice(0, 300)}`);
  return m[1]!;
}

export async function openInspector(url: string): Promise<InspectorSession> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  let lastId = 0;
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id === undefined) return; // an event
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const send = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result as T)));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('HeapProfiler.enable');
  return {
    fullGc: () => send('HeapProfiler.collectGarbage'),
    heapUsedMB: async () => {
      const r = await send<{ result: { value: number } }>('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
      return r.result.value / 2 ** 20;
    },
    close: () => ws.close(),
  };
}
