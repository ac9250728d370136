import { contextBridge, ipcRenderer } from 'electron';
import { contract } from './api/contract';
import { EVENT_CHANNEL } from './api/events';

/**
 * Builds window.behalf from the contract's method list: one function per method, each invoking the channel
 * of the same name, plus event subscription. No logic, no Node access leaks into the page.
 */
const bridge: Record<string, unknown> = {};
for (const ns of Object.keys(contract) as (keyof typeof contract)[]) {
  const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const m of Object.keys(contract[ns])) methods[m] = (input) => ipcRenderer.invoke(`${ns}.${m}`, input);
  bridge[ns] = methods;
}
bridge.events = {
  subscribe(name: string, listener: (payload: unknown) => void): () => void {
    const handler = (_e: unknown, msg: { event: string; payload: unknown }) => {
      if (msg.event === name) listener(msg.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};
contextBridge.exposeInMainWorld('behalf', bridge);
