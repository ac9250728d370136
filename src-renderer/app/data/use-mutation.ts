import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ActionRunner, type ActionState } from './action-runner';

export interface Mutation extends ActionState {
  /** Runs an action under `name`; resolves to its result, or undefined when it failed (then `error` says why). */
  run: <T>(name: string, action: () => Promise<T>) => Promise<T | undefined>;
  setError: (error: unknown) => void;
}

/** Actions a screen runs against main (save, verify, retry…): which one is busy, and the last error, visible. */
export function useMutation(): Mutation {
  const [runner] = useState(() => new ActionRunner());
  const state = useSyncExternalStore(runner.subscribe, () => runner.state);
  useEffect(() => {
    runner.restart();
    return () => runner.stop();
  }, [runner]);
  const run = useCallback(<T>(name: string, action: () => Promise<T>) => runner.run(name, action), [runner]);
  const setError = useCallback((error: unknown) => runner.setError(error), [runner]);
  return { ...state, run, setError };
}
