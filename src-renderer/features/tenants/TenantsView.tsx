import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useRemembered } from '../../app/remembered';
import { TENANT_STATUSES, type TenantStatus } from '../../../src-preload/api/tenant-statuses';
import { useIntent } from '../../app/intents';
import { navigate } from '../../app/router';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { STATUS_LABEL } from '../../components/Status';
import { toggled } from '../../components/toggled';
import { ImportCsvDialog } from './ImportCsvDialog';
import { TenantTable, type SortKey } from './TenantTable';
import { useTenantWindow } from './useTenantWindow';
import { useTeamStatus } from '../team/use-team-status';

/** The add dialog, with its schema checks, loads when first opened: the list's first paint needs no zod (issue #17, P5). */
const TenantForm = lazy(() => import('./TenantForm').then((m) => ({ default: m.TenantForm })));

type OptionFilter = 1 | 2 | 3 | 'undecided';

const SAVED_VIEWS: { label: string; statuses: TenantStatus[]; options: OptionFilter[] }[] = [
  { label: 'All', statuses: [], options: [] },
  { label: 'Awaiting DNS', statuses: ['awaiting-dns'], options: [] },
  { label: 'Awaiting confirmation', statuses: ['awaiting-confirmation'], options: [] },
  { label: 'Undecided', statuses: [], options: ['undecided'] },
  { label: 'Live', statuses: ['live'], options: [] },
];

/** Home screen: every tenant, instant search, filters as chips, sort by column, keyboard first. */
export function TenantsView() {
  // Team mode adds "Changed by" to the table (who made each tenant's latest change).
  const teamMode = useTeamStatus().data?.mode === 'team';
  // Remembered for the session: coming back from a tenant finds the list as it was left (search, filters, row).
  const [search, setSearch] = useRemembered('tenants.search', '');
  const [options, setOptions] = useRemembered<OptionFilter[]>('tenants.options', []);
  const [statuses, setStatuses] = useRemembered<TenantStatus[]>('tenants.statuses', []);
  const [tag, setTag] = useRemembered('tenants.tag', '');
  const [sort, setSort] = useRemembered<SortKey>('tenants.sort', 'name');
  const [dir, setDir] = useRemembered<'asc' | 'desc'>('tenants.dir', 'asc');
  const [selected, setSelected] = useRemembered('tenants.selected', -1);
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useIntent('tenants.add', () => setDialog('add'));
  useIntent('tenants.import', () => setDialog('import'));

  const query = useMemo(
    () => ({ search, options, statuses, tags: tag.trim() ? [tag.trim().toLowerCase()] : [], sort, dir, includeArchived: statuses.includes('archived') }),
    [search, options, statuses, tag, sort, dir],
  );
  const { total, error, rowAt, stateOf, ensure } = useTenantWindow(query);
  // A new query starts with no row selected, but not the first render: that is the list coming back as it was.
  const firstQuery = useRef(true);
  useEffect(() => {
    if (firstQuery.current) firstQuery.current = false;
    else setSelected(-1);
  }, [query]);
  // Back from a tenant: focus returns to the row that was opened (the table body holds the keyboard).
  const backTo = useRef(selected);
  useEffect(() => {
    if (backTo.current < 0 || !total) return;
    document.querySelector<HTMLElement>('[data-testid=tenant-table-body]')?.focus();
    backTo.current = -1;
  }, [total]);

  // "/" focuses search from anywhere; "n" adds a tenant, as in most consoles.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (typing || dialog) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'n') {
        e.preventDefault();
        setDialog('add');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog]);

  const onSort = (key: SortKey) => {
    if (key === sort) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setDir(key === 'updatedAt' ? 'desc' : 'asc');
    }
  };
  const filtered = search || options.length || statuses.length || tag;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Tenants</h1>
        <span className="muted" data-testid="tenant-count">
          {total === null ? 'loading…' : `${total.toLocaleString()} ${filtered ? 'matching' : 'in the ledger'}`}
        </span>
        <span className="grow" />
        <button className="btn" onClick={() => setDialog('import')}>
          Import CSV
        </button>
        <button className="btn primary" onClick={() => setDialog('add')}>
          Add tenant <span className="kbd">N</span>
        </button>
      </div>
      <div className="toolbar">
        <input
          ref={searchRef}
          className="input search"
          type="search"
          placeholder="Search name, domain, contact…  ( / )"
          aria-label="Search tenants"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) =>
            e.key === 'ArrowDown' && (e.preventDefault(), document.querySelector<HTMLElement>('[data-testid=tenant-table-body]')?.focus(), setSelected(0))
          }
        />
        {SAVED_VIEWS.map((v) => (
          <button
            key={v.label}
            className="chip-toggle"
            aria-pressed={JSON.stringify([v.statuses, v.options]) === JSON.stringify([statuses, options])}
            onClick={() => (setStatuses(v.statuses), setOptions(v.options))}
          >
            {v.label}
          </button>
        ))}
        <span className="sep" />
        {([1, 2, 3, 'undecided'] as OptionFilter[]).map((o) => (
          <button key={o} className="chip-toggle" aria-pressed={options.includes(o)} onClick={() => setOptions(toggled(options, o))}>
            {o === 'undecided' ? 'no option' : `option ${o}`}
          </button>
        ))}
        <span className="sep" />
        <select
          className="input"
          aria-label="Filter by status"
          value=""
          onChange={(e) => e.target.value && setStatuses(toggled(statuses, e.target.value as TenantStatus))}
        >
          <option value="">Status…</option>
          {TENANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statuses.includes(s) ? '✓ ' : ''}
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        {statuses.map((s) => (
          <button key={s} className="chip-toggle" aria-pressed="true" onClick={() => setStatuses(toggled(statuses, s))} title="Remove filter">
            {STATUS_LABEL[s]} ✕
          </button>
        ))}
        <input className="input" style={{ width: 120 }} placeholder="tag" aria-label="Filter by tag" value={tag} onChange={(e) => setTag(e.target.value)} />
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {total === 0 && !filtered ? (
        <EmptyState
          title="No tenants yet"
          actions={
            <>
              <button className="btn primary" onClick={() => setDialog('add')}>
                Add a tenant
              </button>
              <button className="btn" onClick={() => setDialog('import')}>
                Import a CSV
              </button>
            </>
          }
        >
          Add the first customer you send for, or import a spreadsheet of them.
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState title="No tenant matches">Clear the search or a filter to see more.</EmptyState>
      ) : (
        <TenantTable
          total={total ?? 0}
          rowAt={rowAt}
          stateOf={stateOf}
          ensure={ensure}
          sort={sort}
          dir={dir}
          onSort={onSort}
          onOpen={(t) => navigate('tenants', t.id)}
          selected={selected}
          onSelect={setSelected}
          changedBy={teamMode}
        />
      )}
      {dialog === 'add' && (
        <Suspense fallback={null}>
          <TenantForm onClose={() => setDialog(null)} onSaved={(t) => (setDialog(null), navigate('tenants', t.id))} />
        </Suspense>
      )}
      {dialog === 'import' && <ImportCsvDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
