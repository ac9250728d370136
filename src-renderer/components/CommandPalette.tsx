import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Tenant } from '../../src-preload/api/tenants';
import { useApi } from '../app/api-context';
import { useQuery } from '../app/data/use-query';
import { requestIntent } from '../app/intents';
import { navigate } from '../app/router';
import { errorText } from './Feedback';
import { fuzzyScore } from './fuzzy';
import { OptionBadge } from './Status';

interface Item {
  id: string;
  group: 'Tenants' | 'Tenant actions' | 'Go to' | 'Actions';
  label: string;
  /** Extra words matched by the query but not shown (synonyms people type). */
  keywords?: string;
  detail?: string;
  tenant?: Tenant;
  run(): void;
}

const AREAS: [string, string, string][] = [
  ['tenants', 'Tenants', 'customers home list'],
  ['options', 'Options', 'option 1 2 3 compare'],
  ['provisioning', 'Provisioning', 'outbox postmark queue jobs reconcile'],
  ['dns', 'DNS checks', 'bulk recheck records'],
  ['sheets', 'Sheets', 'dns instructions export'],
  ['sends', 'Test sends', 'seeds inboxes'],
  ['dmarc', 'DMARC', 'reports sources readiness'],
  ['health', 'Health', 'sending bounces complaints spam trouble stats'],
  ['dkim', 'DKIM keys', 'rotation rotate key age selector due'],
  ['settings', 'Settings', 'token preferences configuration'],
];

const STATIC: Item[] = [
  ...AREAS.map(([id, label, keywords]): Item => ({ id: `go-${id}`, group: 'Go to', label, keywords, run: () => navigate(id) })),
  { id: 'act-add', group: 'Actions', label: 'Add tenant…', keywords: 'new customer create', run: () => (navigate('tenants'), requestIntent('tenants.add')) },
  {
    id: 'act-import-csv',
    group: 'Actions',
    label: 'Import tenants from CSV…',
    keywords: 'spreadsheet upload',
    run: () => (navigate('tenants'), requestIntent('tenants.import')),
  },
  {
    id: 'act-recheck',
    group: 'Actions',
    label: 'Recheck DNS of all tenants',
    keywords: 'bulk dns check',
    run: () => (navigate('dns'), requestIntent('dns.recheck-all')),
  },
  {
    id: 'act-dmarc',
    group: 'Actions',
    label: 'Import DMARC reports…',
    keywords: 'aggregate xml zip upload',
    run: () => (navigate('dmarc'), requestIntent('dmarc.import')),
  },
  { id: 'act-settings', group: 'Actions', label: 'Open settings', keywords: 'postmark token resolvers', run: () => navigate('settings') },
];

/** What can be done for one tenant from the palette ("Nordlicht Reisen: Provision"): the tab it opens, and an intent. */
const TENANT_ACTIONS: { verb: string; tab: string; keywords: string; intent?: 'tenant.check-dns' }[] = [
  { verb: 'Provision', tab: 'postmark', keywords: 'postmark create server domain signature verify' },
  { verb: 'Sheets', tab: 'sheets', keywords: 'dns instructions export email send' },
  { verb: 'Check DNS', tab: 'dns', keywords: 'dns records recheck', intent: 'tenant.check-dns' },
  { verb: 'Options', tab: 'options', keywords: 'choose option compare' },
  { verb: 'Activity', tab: 'activity', keywords: 'history audit log' },
];
/** Words that name an action, not a tenant: left out of the tenant search so "nordlicht provision" finds Nordlicht. */
const ACTION_WORDS = new Set(TENANT_ACTIONS.flatMap((a) => `${a.verb} ${a.keywords} sheet`.toLowerCase().split(' ')));
const tenantSearchOf = (q: string) =>
  q
    .trim()
    .split(/\s+/)
    .filter((w) => !ACTION_WORDS.has(w.toLowerCase()))
    .join(' ');

function tenantActions(t: Tenant): Item[] {
  return TENANT_ACTIONS.map((a) => ({
    id: `tenant-${t.id}-${a.tab}`,
    group: 'Tenant actions',
    label: `${t.name}: ${a.verb}`,
    keywords: `${t.domain} ${a.keywords}`,
    detail: t.domain,
    run: () => (navigate('tenants', t.id, a.tab), a.intent && requestIntent(a.intent, t.id)),
  }));
}

/** Ctrl/Cmd+K from anywhere: jump to an area, a tenant (by name or domain) or run a common action. */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <Palette onClose={() => setOpen(false)} /> : null;
}

function Palette({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const search = tenantSearchOf(query);
  const tenantsQuery = useQuery(() => api.tenants.list({ search, limit: 8 }), [api, search], { enabled: search !== '', debounceMs: 60 });
  const tenants = useMemo(() => (search && !tenantsQuery.error ? (tenantsQuery.data?.rows ?? []) : []), [search, tenantsQuery.error, tenantsQuery.data]);
  const loading = search !== '' && tenantsQuery.loading;
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const enterWhenLoaded = useRef(false);

  // Focus returns to where it was, so Escape leaves the person where they started.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => before?.focus?.();
  }, []);

  const items = useMemo(() => {
    const tenantItems: Item[] = tenants.map((t) => ({
      id: `tenant-${t.id}`,
      group: 'Tenants',
      label: t.name,
      detail: t.domain,
      tenant: t,
      run: () => navigate('tenants', t.id),
    }));
    // The server already matched these tenants (name, domain, contact…); a direct hit on the name or domain ranks them.
    const tenantScore = (it: Item) => Math.max(fuzzyScore(query, it.label) ?? 0, fuzzyScore(query, it.detail ?? '') ?? 0, 500);
    const staticScore = (it: Item) => Math.max(fuzzyScore(query, it.label) ?? -1, (fuzzyScore(query, it.keywords ?? '') ?? -1000) - 300);
    // The best few tenants also offer their actions; "nordlicht prov" ranks "Nordlicht Reisen: Provision" first.
    const actionItems = tenants.slice(0, 3).flatMap(tenantActions);
    // A query that names an action ("… provision") puts the tenants' actions above the tenants themselves.
    const wantsAction = tenantSearchOf(query) !== query.trim();
    const actionScore = (it: Item) => {
      const score = Math.max(fuzzyScore(query, it.label) ?? -1, (fuzzyScore(query, `${it.label} ${it.keywords ?? ''}`) ?? -1000) - 100);
      return score >= 0 && wantsAction ? score + 2000 : score;
    };
    const ranked = [
      ...tenantItems.map((it) => ({ it, score: tenantScore(it) })),
      ...actionItems.map((it) => ({ it, score: actionScore(it) })),
      ...STATIC.map((it) => ({ it, score: staticScore(it) })),
    ]
      .filter((r) => r.score >= 0 || !query.trim())
      .sort((a, b) => b.score - a.score);
    // Groups stay together, in the order of their best match: "recheck" puts Actions first, "acme" Tenants.
    const groups = [...new Set(ranked.map((r) => r.it.group))];
    return groups.flatMap((g) => ranked.filter((r) => r.it.group === g).map((r) => r.it));
  }, [tenants, query]);

  useEffect(() => setActive(0), [items]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };
  // Enter typed before the tenant search answered waits for it, so "acme⏎" opens Acme, not "Go to …".
  useEffect(() => {
    if (!loading && enterWhenLoaded.current) {
      enterWhenLoaded.current = false;
      run(items[0]);
    }
  });

  const onKey = (e: ReactKeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = items.length;
      if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : Math.max(0, items.length - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (loading && active === 0) enterWhenLoaded.current = true;
      else run(items[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      e.preventDefault(); // the input is the only stop: arrows move through the results
    }
  };

  const optionId = (i: number) => `palette-option-${i}`;
  let index = -1;
  return (
    <div className="dialog-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={items.length ? optionId(active) : undefined}
          aria-label="Go to an area, a tenant or an action"
          placeholder="Go to an area, a tenant (name or domain) or an action…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
          spellCheck={false}
          autoComplete="off"
        />
        <div className="palette-list" id="palette-list" role="listbox" aria-label="Results" ref={list}>
          {[...new Set(items.map((i) => i.group))].map((g) => {
            const inGroup = items.filter((i) => i.group === g);
            if (!inGroup.length) return null;
            return (
              <div key={g} role="group" aria-labelledby={`palette-group-${g}`}>
                <div className="palette-group" id={`palette-group-${g}`} role="presentation">
                  {g}
                </div>
                {inGroup.map((it) => {
                  index += 1;
                  const i = index;
                  return (
                    <div
                      key={it.id}
                      id={optionId(i)}
                      data-index={i}
                      role="option"
                      aria-selected={i === active}
                      className="palette-option"
                      onMouseMove={() => i !== active && setActive(i)}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => run(it)}
                    >
                      {it.tenant && <OptionBadge option={it.tenant.option} />}
                      <span className="palette-label">{it.label}</span>
                      {it.detail && <span className="mono muted palette-detail">{it.detail}</span>}
                      {i === active && (
                        <span className="kbd palette-enter" aria-hidden="true">
                          Enter
                        </span>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
          {items.length === 0 && !loading && (
            <div className="palette-empty muted">Nothing matches “{query.trim()}”. Try a tenant’s domain, or an area such as “dns”.</div>
          )}
          {loading && tenants.length === 0 && (
            <div className="palette-empty muted" role="status">
              Searching tenants…
            </div>
          )}
          {search && tenantsQuery.error ? <div className="palette-empty error-text">Tenant search failed: {errorText(tenantsQuery.error)}</div> : null}
        </div>
        <div className="palette-foot muted">
          <span className="kbd">↑</span> <span className="kbd">↓</span> move · <span className="kbd">Enter</span> open · <span className="kbd">Esc</span> close
        </div>
      </div>
    </div>
  );
}
