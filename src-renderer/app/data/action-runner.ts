/** What a screen knows about the actions it runs (save, verify, retry…). */
export interface ActionState {
  /** Which action is running, by the name the screen gave it (for its button's label), or null. */
  busy: string | null;
  /** The last action's error, shown until the next action starts or the screen clears it. */
  error: unknown;
}

/**
 * The state machine under `useMutation`, free of React. An action's failure always becomes `error` (never
 * dropped: the screen shows it with ErrorBox); `busy` names the newest action, so an older action ending does
 * not clear the label of a newer one. After `stop` (unmounted) nothing is recorded.
 */
export class ActionRunner {
  private ticket = 0;
  private stopped = false;
  private current: ActionState = { busy: null, error: null };
  private readonly listeners = new Set<() => void>();

  get state(): ActionState {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs `action`; its result, or undefined when it failed (the error is then in the state). */
  async run<T>(name: string, action: () => Promise<T>): Promise<T | undefined> {
    const mine = ++this.ticket;
    this.update({ busy: name, error: null });
    try {
      return await action();
    } catch (error) {
      if (!this.stopped) this.update({ ...this.current, error });
      return undefined;
    } finally {
      if (!this.stopped && mine === this.ticket) this.update({ ...this.current, busy: null });
    }
  }

  setError(error: unknown): void {
    if (!this.stopped) this.update({ ...this.current, error });
  }

  stop(): void {
    this.stopped = true;
  }

  restart(): void {
    this.stopped = false;
  }

  private update(next: ActionState): void {
    this.current = next;
    for (const l of this.listeners) l();
  }
}
