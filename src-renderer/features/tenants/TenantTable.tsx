import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TenantRowState } from '../../../src-preload/api/tenant-queries';
import type { Tenant } from '../../../src-preload/api/tenants';
import { DomainName } from '../../components/DomainName';
import { checkVerdict } from '../../../src-preload/api/verdicts';
import { OptionBadge, StatusChip, TenantHealthChip } from '../../components/Status';

export type SortKey = 'name' | 'domain' | 'option' | 'status' | 'updatedAt';
const ROW_H = 32;
const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'domain', label: 'Domain' },
  { key: 'option', label: 'Option' },
  { key: 'status', label: 'Status' },
  { key: null, label: 'Last check' },
  { key: null, label: 'Pending' },
  { key: null, label: 'Tags' },
  { key: 'updatedAt', label: 'Updated' },
];
/** Team mode only (issue #19): who made the tenant's latest change. */
const CHANGED_BY: { key: SortKey | null; label: string } = { key: null, label: 'Changed by' };

interface Props {
  total: number;
  rowAt(i: number): Tenant | undefined;
  stateOf(id: string): TenantRowState | undefined;
  ensure(from: number, to: number): void;
  sort: SortKey;
  dir: 'asc' | 'desc';
  onSort(key: SortKey): void;
  onOpen(t: Tenant): void;
  selected: number;
  onSelect(i: number): void;
  /** Show the "Changed by" column (team mode). */
  changedBy?: boolean;
}

/** Only the rows in view are in the DOM, so 100,000 tenants scroll as smoothly as 10. */
export function TenantTable({ total, rowAt, stateOf, ensure, sort, dir, onSort, onOpen, selected, onSelect, changedBy = false }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 5);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / ROW_H) + 5);
  useEffect(() => ensure(first, last), [first, last, ensure]);

  // Keep the selected row visible when the keyboard moves it.
  useEffect(() => {
    const el = body.current;
    if (!el || selected < 0) return;
    const top = selected * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  }, [selected]);

  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_H) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, j: 1, k: -1 };
    if (e.key in moves) {
      e.preventDefault();
      onSelect(Math.max(0, Math.min(total - 1, (selected < 0 ? -1 : selected) + moves[e.key]!)));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      onSelect(e.key === 'Home' ? 0 : total - 1);
    } else if (e.key === 'Enter' && selected >= 0) {
      const t = rowAt(selected);
      if (t) onOpen(t);
    }
  };

  const rows = [];
  for (let i = first; i <= last; i++) {
    const t = rowAt(i);
    rows.push(
      <div
        key={i}
        id={`tenant-grid-row-${i}`}
        className="trow"
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === selected}
        style={{ top: i * ROW_H }}
        onClick={() => (onSelect(i), t && onOpen(t))}
        data-testid={t ? `tenant-row-${t.domain}` : undefined}
      >
        {t ? (
          <>
            <div className="cell" role="gridcell">
              <strong>{t.name}</strong>
            </div>
            <div className="cell" role="gridcell">
              <DomainName domain={t.domain} />
            </div>
            <div className="cell" role="gridcell">
              <OptionBadge option={t.option} />
            </div>
            <div className="cell" role="gridcell">
              <TenantHealthChip status={t.status} lastCheck={stateOf(t.id)?.lastCheck ?? null} />
            </div>
            <div className="cell" role="gridcell">
              <LastCheck state={stateOf(t.id)} />
            </div>
            <div className="cell num" role="gridcell">
              <Pending state={stateOf(t.id)} />
            </div>
            <div className="cell" role="gridcell">
              {t.tags.map((g) => (
                <span key={g} className="tag">
                  {g}
                </span>
              ))}
            </div>
            <div className="cell num muted" role="gridcell">
              {t.updatedAt.slice(0, 10)}
            </div>
            {changedBy && (
              <div className="cell muted" role="gridcell" title={stateOf(t.id)?.changedBy ?? undefined}>
                {stateOf(t.id)?.changedBy ?? ''}
              </div>
            )}
          </>
        ) : (
          <div className="cell" role="gridcell">
            <div className="skeleton" />
          </div>
        )}
      </div>,
    );
  }

  return (
    <div
      className="table"
      role="grid"
      aria-rowcount={total + 1}
      aria-label="Tenants"
      style={{ ['--cols' as string]: `1.5fr 2fr 56px 190px 170px 64px 0.8fr 86px${changedBy ? ' 110px' : ''}` }}
    >
      <div className="thead" role="row">
        {(changedBy ? [...COLUMNS, CHANGED_BY] : COLUMNS).map((c) => (
          <div
            key={c.label}
            role="columnheader"
            className={c.key === 'updatedAt' || c.label === 'Pending' ? 'num' : ''}
            aria-sort={c.key === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {c.key ? (
              <button onClick={() => onSort(c.key!)}>
                {c.label}
                {c.key === sort ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      {/* The body of the grid holds focus (it is also what scrolls); the selected row is its active descendant,
          so a screen reader reads the row the arrows moved to. */}
      <div
        className="tbody"
        role="rowgroup"
        aria-label="Tenant rows"
        aria-activedescendant={selected >= 0 && selected >= first && selected <= last ? `tenant-grid-row-${selected}` : undefined}
        ref={body}
        tabIndex={0}
        onKeyDown={onKey}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="tenant-table-body"
      >
        <div style={{ height: total * ROW_H }} />
        {rows}
      </div>
    </div>
  );
}

function LastCheck({ state }: { state: TenantRowState | undefined }) {
  const check = state?.lastCheck;
  if (!check) return <span className="muted">not checked</span>;
  const v = checkVerdict(check.status);
  const label = check.driftCount > 0 ? `${v.word} · drift` : v.word;
  return (
    <span title={`DNS checked ${check.checkedAt.replace('T', ' ').slice(0, 16)}`}>
      <StatusChip tone={v.tone} label={label} />
    </span>
  );
}

function Pending({ state }: { state: TenantRowState | undefined }) {
  if (!state || state.pendingJobs + state.attentionJobs === 0) return <span className="muted">–</span>;
  return (
    <span title="Postmark operations queued or needing attention">
      {state.pendingJobs > 0 && <span>{state.pendingJobs}</span>}
      {state.attentionJobs > 0 && (
        <span className="status failing" style={{ marginLeft: 4 }}>
          ! {state.attentionJobs}
        </span>
      )}
    </span>
  );
}
