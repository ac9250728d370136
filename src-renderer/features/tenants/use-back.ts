import { useEffect } from 'react';
import { navigate } from '../../app/router';

/**
 * Esc goes back from a tenant to the list (which keeps its search and row). Not while typing, and not when
 * something else took the key first: dialogs and the palette close on Esc and mark the event handled.
 */
export function useBackOnEscape(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
      if (document.querySelector('[role=dialog]')) return;
      navigate('tenants');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
