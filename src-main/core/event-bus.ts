import type { EventMap, EventName } from '../../src-preload/api/events';

type Listener<K extends EventName> = (payload: EventMap[K]) => void;

/** In-process push events; each door forwards them (webContents.send, WebSocket) to its renderer. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly all = new Set<(name: EventName, payload: unknown) => void>();

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    for (const l of this.listeners.get(name) ?? []) l(payload as EventMap[EventName]);
    for (const l of this.all) l(name, payload);
  }

  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event, for doors that forward them all. */
  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }
}
