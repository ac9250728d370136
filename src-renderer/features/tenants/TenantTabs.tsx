import { useRef, type KeyboardEvent } from 'react';

export interface TabDef {
  id: string;
  label: string;
}

/**
 * The WAI-ARIA tabs pattern: one Tab stop for the whole row (roving tabindex), ←/→ move between tabs and open
 * them (automatic activation: each panel loads quickly), Home/End jump to the ends. The panel is labelled by
 * its tab, so a screen reader names where focus went.
 */
export function TenantTabs({ tabs, current, onSelect, idBase }: { tabs: readonly TabDef[]; current: string; onSelect(id: string): void; idBase: string }) {
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    // From the tab that has focus, not the selected one: focus moves at once, the selection follows the route a
    // moment later, and a second arrow pressed in between must go on from where focus is (under load it went back).
    const focused = tabs.findIndex((t) => `${idBase}-tab-${t.id}` === (e.target as HTMLElement).id);
    const i = focused >= 0 ? focused : tabs.findIndex((t) => t.id === current);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length]!;
    onSelect(t.id);
    // The tab re-renders with the new selection; focus follows it.
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`#${idBase}-tab-${t.id}`)?.focus());
  };
  return (
    <div className="tabs" role="tablist" aria-label="Tenant sections" ref={list} onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`${idBase}-tab-${t.id}`}
          role="tab"
          className="tab"
          aria-selected={t.id === current}
          aria-controls={`${idBase}-panel`}
          tabIndex={t.id === current ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
