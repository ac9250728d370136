import { useCallback, useState } from 'react';

/**
 * An editable copy of data read from main (a settings form): it starts as the data and starts again whenever a
 * newer answer lands (after a save, or an event), so the form never edits a stale copy.
 */
export function useDraft<T>(source: T | undefined): [T | undefined, (next: T) => void] {
  const [state, setState] = useState({ source, draft: source });
  let current = state;
  if (state.source !== source) {
    // React's pattern for state that follows a prop: adjust during render, no effect and no flash of old data.
    current = { source, draft: source };
    setState(current);
  }
  const setDraft = useCallback((draft: T) => setState((s) => ({ ...s, draft })), []);
  return [current.draft, setDraft];
}
