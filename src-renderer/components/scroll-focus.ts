import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A box that scrolls on its own must be reachable by keyboard, or its hidden part can only be read with a mouse
 * (WCAG 2.1.1). It becomes a Tab stop (tabIndex 0, so arrows and Page keys scroll it) only while its content
 * overflows: a short list is not an extra stop. The element also needs a name (aria-label, or role="region" with
 * a label) so a screen reader says what took focus. A callback ref, so a box rendered later is watched too.
 */
export function useScrollFocus<T extends HTMLElement>(): { ref: (el: T | null) => void; tabIndex: 0 | undefined } {
  const [overflows, setOverflows] = useState(false);
  const stop = useRef<(() => void) | null>(null);
  const ref = useCallback((el: T | null) => {
    stop.current?.();
    stop.current = null;
    if (!el) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    // Content growing inside a box of fixed height does not resize the box: watch what is inside too.
    const mo = new MutationObserver(measure);
    mo.observe(el, { childList: true, subtree: true, characterData: true });
    stop.current = () => (ro.disconnect(), mo.disconnect());
  }, []);
  useEffect(() => () => stop.current?.(), []);
  return { ref, tabIndex: overflows ? 0 : undefined };
}
